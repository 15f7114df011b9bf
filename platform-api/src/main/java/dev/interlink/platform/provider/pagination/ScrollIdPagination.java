package dev.interlink.platform.provider.pagination;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loxo {@code scroll_id}: an Elasticsearch search_after position echoed back as {@code ?scroll_id=}. The end is not
 * documented, so any of these ends the list: an empty page, a null or absent scroll_id, or the same scroll_id again
 * (docs/providers/loxo.md §2). {@code sizeParam} is null where the endpoint rejects a page size (companies: 422).
 */
public final class ScrollIdPagination implements Pagination {
    private final String sizeParam;

    public ScrollIdPagination(String sizeParam) {
        this.sizeParam = sizeParam;
    }

    @Override
    public Map<String, String> params(String position, int pageSize) {
        Map<String, String> q = new LinkedHashMap<>();
        if (position != null) q.put("scroll_id", position);
        if (sizeParam != null) q.put(sizeParam, String.valueOf(pageSize));
        return q;
    }

    @Override
    public String next(String position, int pageSize, JsonNode body, int itemCount) {
        JsonNode scroll = body.get("scroll_id");
        if (itemCount == 0
                || scroll == null
                || scroll.isNull()
                || scroll.asText().isBlank()) {
            return null;
        }
        String next = scroll.asText();
        return next.equals(position) ? null : next;
    }
}
