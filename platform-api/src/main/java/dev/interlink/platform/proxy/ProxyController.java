package dev.interlink.platform.proxy;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.ats.AccountSelection;
import dev.interlink.platform.ats.CallAccount;
import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.auth.RequiresScope;
import dev.interlink.platform.auth.Scopes;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.ServedContent;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.http.RawResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.server.types.files.StreamedFile;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ANY /proxy/{native path}?integrated_account_id=}: the call is forwarded to the account's provider base URL
 * with its credentials injected, and the provider's answer comes back as it is (status, body streamed, content type),
 * with {@code X-Remote-Status} and timing headers. Same account resolution, time accounting and re-auth bookkeeping
 * as the unified routes; the path is checked by {@link PathSafety} before anything is sent.
 */
@Controller("/proxy")
@RequiresScope(Scopes.PROXY)
public class ProxyController {
    /** Caller headers worth forwarding; everything else (auth, cookies, hop-by-hop, Host) stays here. */
    static final Set<String> FORWARDED_REQUEST_HEADERS = Set.of(
            "accept",
            "accept-language",
            "content-type",
            "if-match",
            "if-none-match",
            "if-modified-since",
            "if-unmodified-since",
            "range");
    /** Provider headers returned to the caller (never Set-Cookie, hop-by-hop or the provider's auth challenges). */
    static final Set<String> RETURNED_RESPONSE_HEADERS = Set.of(
            "content-disposition",
            "content-language",
            "content-range",
            "accept-ranges",
            "etag",
            "last-modified",
            "location",
            "retry-after",
            "x-rate-limit-limit",
            "x-rate-limit-remaining",
            "x-request-id");

    private final CallAccount accounts;

    public ProxyController(CallAccount accounts) {
        this.accounts = accounts;
    }

    @Get("/{+path}")
    public MutableHttpResponse<?> get(HttpRequest<?> request, Principal principal, @PathVariable String path) {
        return forward(request, principal, null);
    }

    @Delete("/{+path}")
    public MutableHttpResponse<?> delete(HttpRequest<?> request, Principal principal, @PathVariable String path) {
        return forward(request, principal, null);
    }

    @Post(value = "/{+path}", consumes = MediaType.ALL, processes = MediaType.ALL)
    public MutableHttpResponse<?> post(
            HttpRequest<?> request, Principal principal, @PathVariable String path, @Body @Nullable byte[] body) {
        return forward(request, principal, body);
    }

    @Put(value = "/{+path}", consumes = MediaType.ALL, processes = MediaType.ALL)
    public MutableHttpResponse<?> put(
            HttpRequest<?> request, Principal principal, @PathVariable String path, @Body @Nullable byte[] body) {
        return forward(request, principal, body);
    }

    @Patch(value = "/{+path}", consumes = MediaType.ALL, processes = MediaType.ALL)
    public MutableHttpResponse<?> patch(
            HttpRequest<?> request, Principal principal, @PathVariable String path, @Body @Nullable byte[] body) {
        return forward(request, principal, body);
    }

    MutableHttpResponse<?> forward(HttpRequest<?> request, Principal principal, byte[] body) {
        long start = System.nanoTime();
        String rawPath = request.getUri().getRawPath();
        String rest = rawPath.length() > "/proxy/".length() ? rawPath.substring("/proxy/".length()) : "";
        checkRawRequest(request.getUri());
        // the account first (404 for another tenant's), then the path, then the one request
        ConnectorContext ctx = accounts.resolve(principal, AccountSelection.accountId(request));
        URI base = PathSafety.target(ctx.baseUrl(), rest);
        String query = forwardedQuery(request.getUri().getRawQuery());
        URI target = URI.create(base + (query.isEmpty() ? "" : "?" + query));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> {
            if (FORWARDED_REQUEST_HEADERS.contains(name.toLowerCase(Locale.ROOT))) headers.put(name, values);
        });
        RawResponse remote;
        try {
            remote = ctx.stream(request.getMethodName(), target, headers, body, true);
        } finally {
            AccountSelection.record(request, ctx);
        }
        try {
            return AccountSelection.timed(relay(remote, request.getMethodName()), request, ctx, start);
        } catch (RuntimeException | Error e) {
            remote.close(); // never leave the provider connection open, whatever went wrong
            throw e;
        }
    }

    /**
     * The provider's answer as ours: any status 100–599 as it is (including codes {@link io.micronaut.http.HttpStatus}
     * does not name, such as 520, 499 or 218), the allowed headers, the body streamed with the served-content
     * headers ({@link ServedContent}). A status outside 100–599 is not HTTP: 502 {@code REMOTE.UNKNOWN_HTTP_ERROR}.
     * The body is closed here whenever it is not handed on.
     */
    static MutableHttpResponse<?> relay(RawResponse remote, String method) {
        int status = remote.status();
        if (status < 100 || status > 599) {
            remote.close();
            throw ApiProblem.of(
                            ErrorCode.REMOTE_UNKNOWN_HTTP_ERROR,
                            "The provider answered with " + status + ", which is not an HTTP status")
                    .with("remote", Map.of("status", status));
        }
        MutableHttpResponse<Object> response = HttpResponse.status(status, null);
        remote.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (RETURNED_RESPONSE_HEADERS.contains(lower)) {
                if (lower.equals("content-disposition")) {
                    response.header(name, ServedContent.attachmentDisposition(values.get(0)));
                } else {
                    values.forEach(v -> response.header(name, v));
                }
            }
        });
        response.header("X-Remote-Status", String.valueOf(status));
        ServedContent.harden(response);
        if (status < 200 || status == 204 || status == 304 || method.equals("HEAD")) {
            remote.close();
        } else {
            MediaType type = ServedContent.mediaType(remote.contentType());
            response.body(new StreamedFile(remote.body(), type)).contentType(type);
        }
        return response;
    }

    /** CR/LF or a backslash anywhere in the request target is refused outright. */
    static void checkRawRequest(URI uri) {
        String raw = uri.getRawPath() + "?" + uri.getRawQuery();
        if (raw.indexOf('\r') >= 0 || raw.indexOf('\n') >= 0 || raw.indexOf('\\') >= 0) {
            throw PathSafety.refuse("contains control characters or a backslash");
        }
    }

    /** The caller's raw query minus {@code integrated_account_id}; encoded control characters are refused. */
    static String forwardedQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) return "";
        String lower = rawQuery.toLowerCase(Locale.ROOT);
        if (lower.contains("%0d") || lower.contains("%0a") || lower.contains("%00")) {
            throw ApiProblem.invalid("/query", "contains encoded control characters");
        }
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (!name.equals(AccountSelection.PARAM)) kept.add(pair);
        }
        return String.join("&", kept);
    }
}
