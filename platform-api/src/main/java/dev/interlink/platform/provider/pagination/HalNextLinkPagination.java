package dev.interlink.platform.provider.pagination;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CATS: {@code page}/{@code per_page} (max 100), and "more pages" is only the presence of {@code _links.next}
 * (docs/providers/cats.md §2: do not compute it from page × per_page; {@code total} is sometimes null). The next
 * position is the page number in that link. Position = "page:per_page" so the window never shifts.
 */
public final class HalNextLinkPagination implements Pagination {
    @Override
    public Map<String, String> params(String position, int pageSize) {
        String[] p = position == null ? new String[] {"1", String.valueOf(pageSize)} : position.split(":");
        Map<String, String> q = new LinkedHashMap<>();
        q.put("page", p[0]);
        q.put("per_page", p[1]);
        return q;
    }

    @Override
    public String next(String position, int pageSize, JsonNode body, int itemCount) {
        String href = body.path("_links").path("next").path("href").asText(null);
        if (href == null || href.isBlank() || itemCount == 0) {
            return null;
        }
        String size = position == null ? String.valueOf(pageSize) : position.split(":")[1];
        String current = position == null ? "1" : position.split(":")[0];
        String page = queryParam(href, "page");
        if (page == null || !page.matches("\\d{1,9}") || Integer.parseInt(page) <= Integer.parseInt(current)) {
            // a next link that does not move forward (CATS /webhooks repeats page 1) ends the list
            return null;
        }
        return page + ":" + size;
    }

    static String queryParam(String href, String name) {
        int q = href.indexOf('?');
        if (q < 0) return null;
        for (String pair : href.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (k.equals(name)) return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        }
        return null;
    }
}
