package dev.interlink.sandbox.cats;

import static dev.interlink.sandbox.cats.CatsData.link;

import dev.interlink.sandbox.common.Req;
import dev.interlink.sandbox.common.Resp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** HAL collection envelope (docs/providers/cats.md §2): page/per_page (default 25, clamp 100), next only if more. */
final class CatsHal {
    private CatsHal() {}

    record Paging(int page, int perPage) {
        int offset() {
            return (page - 1) * perPage;
        }
    }

    static Paging paging(Req req) {
        int page = Math.max(1, req.qInt("page", 1));
        int per = req.qInt("per_page", 25);
        if (per <= 0) per = 25;
        // §2: clamp vs 400 is unverified; clamp by default [INF], switchable per account
        if (per > 100 && "400".equals(String.valueOf(((CatsAccount) req.account).quirk("per_page_over_100"))))
            throw CatsCandidateRoutes.validation(java.util.List.of("per_page must be less than or equal to 100"));
        per = Math.min(100, per);
        return new Paging(page, per);
    }

    static Map<String, Object> envelope(
            Req req, String collection, Paging p, Integer total, List<? extends Object> items, boolean moreOverride) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", items.size());
        if (total != null) m.put("total", total);
        Map<String, Object> links = new LinkedHashMap<>();
        String base = req.path + "?" + extraQuery(req) + "per_page=" + p.perPage() + "&page=";
        links.put("self", link(base + p.page()));
        links.put("first", link(base + 1));
        if (p.page() > 1) links.put("prev", link(base + (p.page() - 1)));
        boolean more = moreOverride || (total != null && (long) p.page() * p.perPage() < total);
        if (more) links.put("next", link(base + (p.page() + 1)));
        if (total != null) links.put("last", link(base + Math.max(1, (total + p.perPage() - 1) / p.perPage())));
        m.put("_links", links);
        m.put("_embedded", Map.of(collection, items));
        return m;
    }

    private static String extraQuery(Req req) {
        StringBuilder sb = new StringBuilder();
        req.query.forEach((k, vs) -> {
            if (k.equals("page") || k.equals("per_page")) return;
            for (String v : vs)
                sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                        .append('&');
        });
        return sb.toString();
    }

    /** A page over an in-memory list. */
    static Resp list(Req req, String collection, List<? extends Object> all) {
        Paging p = paging(req);
        int from = Math.min(all.size(), p.offset());
        int to = Math.min(all.size(), from + p.perPage());
        return Resp.json(200, envelope(req, collection, p, all.size(), all.subList(from, to), false));
    }

    /** A page straight from a store, without materializing the whole list. */
    static Resp storePage(Req req, String collection, dev.interlink.sandbox.common.EntityStore store, CatsAccount acc) {
        Paging p = paging(req);
        String key = collection + "|" + req.path + "?" + extraQuery(req) + p.page() + "|" + p.perPage() + "|"
                + store.version() + "|" + System.identityHashCode(store);
        byte[] body = acc.cached(key, () -> {
            int total = store.total();
            List<Map<String, Object>> items = store.page(p.offset(), p.perPage());
            return dev.interlink.sandbox.common.Json.bytes(envelope(req, collection, p, total, items, false));
        });
        return Resp.json(200, body);
    }

    /** 201, empty body, absolute Location (§6 [DOC~][LIVE]). */
    static Resp created(Req req, String path) {
        return Resp.empty(201).header("Location", req.baseUrl + path);
    }
}
