package dev.interlink.platform.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.provider.pagination.Pagination;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Fetches one provider page with a pagination strategy and maps its records. */
public final class Lists {
    private Lists() {}

    public static <T> Page<T> fetch(
            ConnectorContext ctx,
            String path,
            Map<String, String> query,
            Pagination pagination,
            ListRequest request,
            String itemsKey,
            Function<JsonNode, T> mapper) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.putAll(pagination.params(request.position(), request.pageSize()));
        JsonNode body = ctx.getJson(path, q);
        List<JsonNode> raw = Tolerant.items(body, itemsKey);
        List<T> items = new ArrayList<>(raw.size());
        for (JsonNode n : raw) items.add(mapper.apply(n));
        return Page.of(items, pagination.next(request.position(), request.pageSize(), body, raw.size()))
                .withTotal(total(body));
    }

    /** The provider's count of all matches: CATS {@code total}, Loxo {@code total_count}; null when absent. */
    static Long total(JsonNode body) {
        for (String key : new String[] {"total", "total_count"}) {
            JsonNode n = body.path(key);
            if (n.isIntegralNumber() && n.asLong() >= 0) return n.asLong();
        }
        return null;
    }
}
