package dev.interlink.platform.provider.pagination;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code page} (1-based) + page size, with the end told by the response's total pages (Loxo {@code /jobs}:
 * {@code current_page}, {@code total_pages}) or, failing that, by a short page. The position carries the page size
 * too, so a client changing its limit mid-way never shifts the window (no gaps, no repeats).
 */
public final class PageNumberPagination implements Pagination {
    private final String pageParam;
    private final String sizeParam;
    private final String totalPagesField;

    public PageNumberPagination(String pageParam, String sizeParam, String totalPagesField) {
        this.pageParam = pageParam;
        this.sizeParam = sizeParam;
        this.totalPagesField = totalPagesField;
    }

    record Pos(int page, int size) {
        static Pos parse(String position, int pageSize) {
            if (position == null) return new Pos(1, pageSize);
            String[] p = position.split(":");
            return new Pos(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
        }

        @Override
        public String toString() {
            return page + ":" + size;
        }
    }

    @Override
    public Map<String, String> params(String position, int pageSize) {
        Pos pos = Pos.parse(position, pageSize);
        Map<String, String> q = new LinkedHashMap<>();
        q.put(pageParam, String.valueOf(pos.page()));
        q.put(sizeParam, String.valueOf(pos.size()));
        return q;
    }

    @Override
    public String next(String position, int pageSize, JsonNode body, int itemCount) {
        Pos pos = Pos.parse(position, pageSize);
        JsonNode total = totalPagesField == null ? null : body.get(totalPagesField);
        boolean more = total != null && total.canConvertToInt()
                ? pos.page() < total.asInt()
                : itemCount >= pos.size() && itemCount > 0;
        return more ? new Pos(pos.page() + 1, pos.size()).toString() : null;
    }
}
