package dev.interlink.platform.ats;

import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.ConnectorContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which account a call is for, the query as a flat map, and the timing headers and log attributes of the answer. */
public final class AccountSelection {
    public static final String HEADER = "X-Integrated-Account-Id";
    public static final String PARAM = "integrated_account_id";
    /** Read by the request log (issue 4). */
    public static final String ATTR_ACCOUNT_ID = "interlink.account_id";

    public static final String ATTR_REMOTE_DURATION_MS = "interlink.remote_duration_ms";

    private AccountSelection() {}

    /** The account id from the query or the header; both present and different → 400. */
    public static String accountId(HttpRequest<?> request) {
        String q = request.getParameters().get(PARAM);
        String h = request.getHeaders().get(HEADER);
        if (q != null && h != null && !q.equals(h)) {
            throw ApiProblem.invalid(
                    "/" + PARAM, "differs from the " + HEADER + " header; send one, or the same id in both");
        }
        String id = q != null ? q : h;
        if (id == null || id.isBlank()) {
            throw ApiProblem.invalid("/" + PARAM, "is required (query parameter or " + HEADER + " header)");
        }
        return id.strip();
    }

    /** Query parameters as a map; a parameter given twice is ambiguous → 400. */
    public static Map<String, String> query(HttpRequest<?> request) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : request.getParameters().names()) {
            List<String> values = request.getParameters().getAll(name);
            if (values.size() > 1) throw ApiProblem.invalid("/" + name, "is given more than once");
            out.put(name, values.isEmpty() ? "" : values.get(0));
        }
        return out;
    }

    public static void record(HttpRequest<?> request, ConnectorContext ctx) {
        if (ctx.accountId() != null) request.setAttribute(ATTR_ACCOUNT_ID, ctx.accountId());
        request.setAttribute(ATTR_REMOTE_DURATION_MS, ctx.remoteDurationMs());
    }

    public static <T> MutableHttpResponse<T> timed(
            MutableHttpResponse<T> response, HttpRequest<?> request, ConnectorContext ctx, long startNanos) {
        record(request, ctx);
        return response.header("X-Remote-Duration-Ms", String.valueOf(ctx.remoteDurationMs()))
                .header(
                        "X-Interlink-Duration-Ms",
                        String.valueOf(
                                Math.max(0, (System.nanoTime() - startNanos) / 1_000_000 - ctx.remoteDurationMs())));
    }
}
