package dev.interlink.sandbox.loxo;

import dev.interlink.sandbox.common.ApiException;
import dev.interlink.sandbox.common.EntityStore;
import dev.interlink.sandbox.common.Req;
import dev.interlink.sandbox.common.Resp;
import dev.interlink.sandbox.common.Router;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rest of the §2 pagination table: deals and placements (scroll only; per_page — and page on placements — give
 * 422), countries (page-based, key `countries`), source_types (keyset `after_id`, bare array) and reference lists
 * returned whole as bare arrays (currencies, dynamic_fields, email/phone types, person lists).
 */
final class LoxoReferenceRoutes {
    private LoxoReferenceRoutes() {}

    static final Object[][] COUNTRIES = {
        {3L, "Afghanistan", "AF", "AFG"}, {14L, "Australia", "AU", "AUS"}, {15L, "Austria", "AT", "AUT"},
        {22L, "Belgium", "BE", "BEL"}, {31L, "Brazil", "BR", "BRA"}, {39L, "Canada", "CA", "CAN"},
        {75L, "France", "FR", "FRA"}, {82L, "Germany", "DE", "DEU"}, {105L, "India", "IN", "IND"},
        {109L, "Ireland", "IE", "IRL"}, {112L, "Japan", "JP", "JPN"}, {144L, "Mexico", "MX", "MEX"},
        {155L, "Netherlands", "NL", "NLD"}, {195L, "Singapore", "SG", "SGP"}, {205L, "Spain", "ES", "ESP"},
        {212L, "Sweden", "SE", "SWE"}, {234L, "United Kingdom", "GB", "GBR"}, {235L, "United States", "US", "USA"}
    };

    static void register(Router r) {
        r.get(
                        "/deals",
                        req -> scrollOnly(
                                req, "deals", acc(req).data.deals, Set.of("scroll_id", "query", "deal_workflow_id")))
                .get("/deals/{id}", req -> Resp.json(200, one(acc(req).data.deals, req)))
                .get(
                        "/placements",
                        req -> scrollOnly(req, "placements", acc(req).data.placements, Set.of("scroll_id", "query")))
                .get("/placements/{id}", req -> Resp.json(200, one(acc(req).data.placements, req)))
                .get("/countries", LoxoReferenceRoutes::countries)
                .get(
                        "/currencies",
                        req -> Resp.json(
                                200,
                                List.of(
                                        currency(1, "USD", "United States Dollar", "$", true),
                                        currency(2, "EUR", "Euro", "€", false),
                                        currency(3, "GBP", "British Pound", "£", false))))
                .get("/source_types", LoxoReferenceRoutes::sourceTypes)
                .get("/dynamic_fields", req -> Resp.json(200, dynamicFields()))
                .get(
                        "/email_types",
                        req -> Resp.json(
                                200, List.of(LoxoData.idName(1455, "Work"), LoxoData.idName(1456, "Personal"))))
                .get(
                        "/phone_types",
                        req -> Resp.json(
                                200, List.of(LoxoData.idName(144_403, "Mobile"), LoxoData.idName(144_404, "Work"))))
                .get("/person_lists", req -> Resp.json(200, List.of()));
    }

    static LoxoAccount acc(Req req) {
        return (LoxoAccount) req.account;
    }

    static Map<String, Object> one(EntityStore store, Req req) {
        Map<String, Object> m = store.get(req.pathLong("id"));
        if (m == null) throw new ApiException(404, "Not Found");
        return m;
    }

    static Resp scrollOnly(Req req, String key, EntityStore store, Set<String> allowed) {
        LoxoPaging.strict(req, allowed);
        long after = LoxoPaging.afterId(req);
        String q = req.q("query");
        List<Map<String, Object>> items;
        if (q == null || q.isBlank()) items = store.pageAfter(after, 25);
        else {
            String needle = q.toLowerCase(Locale.ROOT);
            items = LoxoPaging.after(
                    store.filter(
                            null, m -> m.toString().toLowerCase(Locale.ROOT).contains(needle)),
                    after,
                    25);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "scroll_id",
                items.isEmpty()
                        ? null
                        : LoxoPaging.encode(items.get(items.size() - 1).get("id")));
        m.put("total_count", store.total());
        m.put(key, items);
        return Resp.json(200, m);
    }

    static Resp countries(Req req) {
        LoxoPaging.strict(req, Set.of("page", "per_page", "query"));
        int page = Math.max(1, req.qInt("page", 1));
        int per = LoxoPaging.perPage(req);
        String q = req.q("query");
        List<Map<String, Object>> all = new ArrayList<>();
        for (Object[] c : COUNTRIES) {
            if (q != null && !c[1].toString().toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT))) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c[0]);
            m.put("name", c[1]);
            m.put("code", c[2]);
            m.put("long_code", c[3]);
            all.add(m);
        }
        int from = Math.min(all.size(), (page - 1) * per);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("current_page", page);
        m.put("total_pages", (all.size() + per - 1) / per);
        m.put("per_page", per);
        m.put("total_count", all.size());
        m.put("countries", all.subList(from, Math.min(all.size(), from + per)));
        return Resp.json(200, m);
    }

    static Map<String, Object> currency(int id, String code, String name, String symbol, boolean dflt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("code", code);
        m.put("name", name);
        m.put("symbol", symbol);
        m.put("precision", 2);
        m.put("default", dflt);
        m.put("position", id);
        return m;
    }

    /** Keyset: "return all records with a higher ID" (§2 [DOC]). */
    static Resp sourceTypes(Req req) {
        long after = req.q("after_id") == null ? 0 : LoxoMiscRoutes.parse(req.q("after_id"));
        List<Map<String, Object>> out = new ArrayList<>();
        Object[][] rows = {{10L, "API"}, {11L, "LinkedIn"}, {12L, "Referral"}, {13L, "Job Board"}, {14L, "Website"}};
        for (Object[] r : rows) if ((Long) r[0] > after) out.add(LoxoData.idName(r[0], r[1]));
        return Resp.json(200, out);
    }

    static List<Map<String, Object>> dynamicFields() {
        List<Map<String, Object>> out = new ArrayList<>();
        Object[][] rows = {
            {1L, "Notice period", "custom_text_1", "Person"},
            {2L, "UTM Medium", "custom_text_3", "Deal"},
            {3L, "Clearance", "custom_hierarchy_1", "Person"}
        };
        for (Object[] r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r[0]);
            m.put("name", r[1]);
            m.put("key", r[2]);
            m.put("item_type", r[3]);
            m.put(
                    "dynamic_field_type",
                    LoxoData.idName(
                            r[2].toString().contains("hierarchy") ? 5 : 1,
                            r[2].toString().contains("hierarchy") ? "Hierarchy" : "Text"));
            m.put("built_in", false);
            out.add(m);
        }
        return out;
    }
}
