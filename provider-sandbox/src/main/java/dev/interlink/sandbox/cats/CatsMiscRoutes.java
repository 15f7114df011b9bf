package dev.interlink.sandbox.cats;

import static dev.interlink.sandbox.cats.CatsCandidateRoutes.blank;
import static dev.interlink.sandbox.cats.CatsCandidateRoutes.validation;

import dev.interlink.sandbox.common.ApiException;
import dev.interlink.sandbox.common.EntityStore;
import dev.interlink.sandbox.common.Json;
import dev.interlink.sandbox.common.Req;
import dev.interlink.sandbox.common.Resp;
import dev.interlink.sandbox.common.Router;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Users, companies, activities, tags, /site, webhooks and /events (docs/providers/cats.md §4.4–§4.9). */
final class CatsMiscRoutes {
    private CatsMiscRoutes() {}

    static void register(Router r) {
        CatsAttachments.register(r);
        r.get("/users", req -> CatsHal.storePage(req, "users", acc(req).data.users, acc(req)))
                .get("/users/{id}", req -> Resp.json(200, one(acc(req).data.users, req)))
                .get("/companies", req -> CatsHal.storePage(req, "companies", acc(req).data.companies, acc(req)))
                .post("/companies", CatsMiscRoutes::createCompany)
                .get("/companies/{id}", req -> Resp.json(200, one(acc(req).data.companies, req)))
                .put("/companies/{id}", CatsMiscRoutes::updateCompany)
                .delete("/companies/{id}", req -> {
                    if (!acc(req).data.companies.delete(req.pathLong("id"))) throw new ApiException(404, "Not found.");
                    return Resp.empty(204);
                })
                .get("/activities", req -> CatsHal.storePage(req, "activities", acc(req).data.activities, acc(req)))
                .get("/activities/{id}", req -> Resp.json(200, one(acc(req).data.activities, req)))
                .put("/activities/{id}", CatsMiscRoutes::updateActivity)
                .delete("/activities/{id}", req -> {
                    if (!acc(req).data.activities.delete(req.pathLong("id"))) throw new ApiException(404, "Not found.");
                    return Resp.empty(204);
                })
                .get("/tags", req -> CatsHal.list(req, "tags", tags()))
                .get("/tags/{id}", req -> Resp.json(200, tag(req.pathLong("id"))))
                .get("/site", CatsMiscRoutes::site)
                .get("/webhooks", CatsMiscRoutes::listWebhooks)
                .post("/webhooks", CatsMiscRoutes::createWebhook)
                .get("/webhooks/{id}", req -> Resp.json(200, webhook(acc(req), req.pathLong("id"))))
                .delete("/webhooks/{id}", req -> {
                    if (acc(req).webhooks.remove(req.pathLong("id")) == null) throw new ApiException(404, "Not found.");
                    return Resp.empty(204);
                })
                .get("/events", CatsMiscRoutes::events);
    }

    static CatsAccount acc(Req req) {
        return (CatsAccount) req.account;
    }

    static Map<String, Object> one(EntityStore store, Req req) {
        Map<String, Object> m = store.get(req.pathLong("id"));
        if (m == null) throw new ApiException(404, "Not found.");
        return m;
    }

    /** GET /site → the account bound to the key (§1 [LIVE]). */
    static Resp site(Req req) {
        CatsAccount acc = acc(req);
        Map<String, Object> s = new LinkedHashMap<>();
        long siteId = CatsAccount.SITE_ID_BASE + Math.abs(acc.accountId.hashCode() % 10000);
        s.put("id", siteId);
        s.put("mode", "hr");
        s.put("subdomain", "sandbox-" + acc.accountId);
        s.put("default_company_id", acc.data.companies.idOf(0));
        s.put("_links", Map.of("self", CatsData.link("/site")));
        return Resp.json(200, s);
    }

    static Resp createCompany(Req req) {
        CatsAccount acc = acc(req);
        Map<String, Object> b = Json.object(req.body);
        if (blank(b.get("name"))) throw validation(List.of("name must not be empty"));
        if ("true".equalsIgnoreCase(req.q("check_duplicate"))) {
            String name = b.get("name").toString();
            List<Map<String, Object>> dup =
                    acc.data.companies.filter(null, c -> name.equalsIgnoreCase(String.valueOf(c.get("name"))));
            if (!dup.isEmpty()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("message", "Duplicate record found.");
                body.put("data_item", Map.of("id", dup.get(0).get("id"), "type", "company"));
                throw new ApiException(409, "Duplicate record found.", body);
            }
        }
        long id = acc.data.companies.reserveId();
        String now = CatsData.ts(Instant.now(), CatsData.UTC);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", id);
        for (String f : COMPANY_FIELDS) c.put(f, b.getOrDefault(f, null));
        c.put("date_created", now);
        c.put("date_modified", now);
        c.put("_links", Map.of("self", CatsData.link("/companies/" + id)));
        c.put("_embedded", Map.of());
        acc.data.companies.putWithId(id, c);
        CatsEvents.emit(acc, "company.created", "company", id, c);
        return CatsHal.created(req, "/companies/" + id);
    }

    static final List<String> COMPANY_FIELDS = List.of(
            "name", "website", "address", "country_code", "phones", "key_technologies", "notes", "is_hot", "owner_id");

    static Resp updateCompany(Req req) {
        CatsAccount acc = acc(req);
        long id = req.pathLong("id");
        Map<String, Object> c = acc.data.companies.copy(id);
        if (c == null) throw new ApiException(404, "Not found.");
        Map<String, Object> b = Json.object(req.body);
        for (String f : COMPANY_FIELDS) if (b.containsKey(f)) c.put(f, b.get(f));
        c.put("date_modified", CatsData.ts(Instant.now(), CatsData.UTC));
        acc.data.companies.put(id, c);
        CatsEvents.emit(acc, "company.updated", "company", id, c);
        return Resp.empty(204);
    }

    static long createActivity(
            CatsAccount acc, long candidateId, String type, Object regarding, Object notes, String annotation) {
        long id = acc.data.activities.reserveId();
        String now = CatsData.ts(Instant.now(), CatsData.UTC);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", id);
        a.put("data_item", Map.of("id", candidateId, "type", "candidate"));
        a.put("date", now);
        a.put("regarding_id", regarding);
        a.put("type", type);
        a.put("notes", notes);
        a.put("annotation", annotation);
        a.put("entered_by_id", CatsData.USER_BASE + 1);
        a.put("date_created", now);
        a.put("date_modified", now);
        CatsShapes.finishActivity(a);
        acc.data.activities.putWithId(id, a);
        CatsEvents.emit(acc, "activity.created", "activity", id, a);
        return id;
    }

    static Resp updateActivity(Req req) {
        CatsAccount acc = acc(req);
        long id = req.pathLong("id");
        Map<String, Object> a = acc.data.activities.copy(id);
        if (a == null) throw new ApiException(404, "Not found.");
        Map<String, Object> b = Json.object(req.body);
        for (String f : List.of("type", "notes", "date", "regarding_id")) if (b.containsKey(f)) a.put(f, b.get(f));
        a.put("date_modified", CatsData.ts(Instant.now(), CatsData.UTC));
        acc.data.activities.put(id, a);
        return Resp.empty(204);
    }

    static List<Map<String, Object>> tags() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] row : CatsData.TAGS) out.add(CatsShapes.tag(row));
        return out;
    }

    static Map<String, Object> tag(long id) {
        for (Object[] row : CatsData.TAGS) if ((Long) row[0] == id) return CatsShapes.tag(row);
        throw new ApiException(404, "Not found.");
    }

    static Map<String, Object> webhook(CatsAccount acc, long id) {
        Map<String, Object> w = acc.webhooks.get(id);
        if (w == null) throw new ApiException(404, "Not found.");
        return publicWebhook(w);
    }

    /** The secret is write-only. */
    static Map<String, Object> publicWebhook(Map<String, Object> w) {
        Map<String, Object> out = new LinkedHashMap<>(w);
        out.remove("secret");
        out.put("_links", Map.of("self", CatsData.link("/webhooks/" + w.get("id"))));
        return out;
    }

    /** Quirk (§2 [LIVE]): /webhooks advertises `next` even on a complete set; page 2 repeats page 1. */
    static Resp listWebhooks(Req req) {
        List<Map<String, Object>> all = new ArrayList<>();
        new java.util.TreeMap<>(acc(req).webhooks).values().forEach(w -> all.add(publicWebhook(w)));
        CatsHal.Paging p = CatsHal.paging(req);
        return Resp.json(200, CatsHal.envelope(req, "webhooks", p, all.size(), all, true));
    }

    static final List<String> EVENTS = List.of(
            "candidate.created",
            "candidate.updated",
            "candidate.deleted",
            "job.created",
            "job.updated",
            "job.deleted",
            "job.status_changed",
            "contact.created",
            "contact.updated",
            "contact.deleted",
            "contact.status_changed",
            "company.created",
            "company.updated",
            "company.deleted",
            "company.status_changed",
            "activity.created",
            "activity.updated",
            "activity.deleted",
            "user.created",
            "user.updated",
            "user.deleted",
            "pipeline.created",
            "pipeline.deleted",
            "pipeline.status_changed");

    @SuppressWarnings("unchecked")
    static Resp createWebhook(Req req) {
        CatsAccount acc = acc(req);
        Map<String, Object> b = Json.object(req.body);
        List<String> errors = new ArrayList<>();
        if (!(b.get("events") instanceof List<?> evs) || evs.isEmpty()) errors.add("events must not be empty");
        else
            for (Object e : (List<Object>) b.get("events"))
                if (!EVENTS.contains(String.valueOf(e))) errors.add("events contains an unknown event " + e);
        Object url = b.get("target_url");
        if (blank(url) || !url.toString().matches("(?i)https?://.+")) errors.add("target_url must be a valid URL");
        if (!errors.isEmpty()) throw validation(errors);
        long id = acc.nextId();
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("id", id);
        w.put("events", b.get("events"));
        w.put("target_url", url.toString());
        w.put("secret", b.get("secret") == null ? null : b.get("secret").toString());
        acc.webhooks.put(id, w);
        return CatsHal.created(req, "/webhooks/" + id);
    }

    /**
     * /events?starting_after_id= or ?starting_after_timestamp=&lt;unix seconds&gt; — up to 25 after the cursor, the id
     * cursor winning when both are given (§4.8).
     */
    static Resp events(Req req) {
        CatsAccount acc = acc(req);
        long after = 0;
        Long afterSecond = null;
        try {
            if (req.q("starting_after_id") != null) after = Long.parseLong(req.q("starting_after_id"));
            else if (req.q("starting_after_timestamp") != null)
                afterSecond = Long.parseLong(req.q("starting_after_timestamp"));
        } catch (NumberFormatException e) {
            throw validation(List.of("starting_after_id and starting_after_timestamp must be integers"));
        }
        int per = Math.min(100, Math.max(1, req.qInt("per_page", 25)));
        List<Map<String, Object>> out = new ArrayList<>();
        synchronized (acc.events) {
            for (Map<String, Object> ev : acc.events) {
                boolean later = afterSecond == null
                        ? ((Number) ev.get("id")).longValue() > after
                        : OffsetDateTime.parse(ev.get("date").toString()).toEpochSecond() > afterSecond;
                if (later) out.add(ev);
                if (out.size() >= per) break;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", out.size());
        m.put("starting_after_id", after);
        // quirk (§2 [LIVE]): no `total` and no `_links.next`; clients poll with the last id they saw
        m.put("_links", Map.of("self", CatsData.link("/events?starting_after_id=" + after)));
        m.put("_embedded", Map.of("events", out));
        return Resp.json(200, m);
    }
}
