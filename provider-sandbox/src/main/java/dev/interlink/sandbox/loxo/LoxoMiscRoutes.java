package dev.interlink.sandbox.loxo;

import dev.interlink.sandbox.common.ApiException;
import dev.interlink.sandbox.common.Json;
import dev.interlink.sandbox.common.Req;
import dev.interlink.sandbox.common.Resp;
import dev.interlink.sandbox.common.Router;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Person events, companies, users, workflows/stages, activity types, reference lists, webhooks. */
final class LoxoMiscRoutes {
    private LoxoMiscRoutes() {}

    static final Set<String> COMPANY_PARAMS =
            Set.of("scroll_id", "query", "company_type_id", "list_id", "company_global_status_id", "fields");
    /** `job_id` (singular) is NOT here: it gives 422 (§4.6 [LIVE]); job_ids[] is the documented one. */
    static final Set<String> EVENT_PARAMS = Set.of(
            "scroll_id",
            "query",
            "per_page",
            "page",
            "activity_type_ids",
            "created_by_ids",
            "job_ids",
            "created_at_sort",
            "person_id",
            "company_id",
            "created_at_start",
            "created_at_end",
            "before",
            "after",
            "serialization_set");

    static void register(Router r) {
        r.get("/person_events", LoxoMiscRoutes::listEvents)
                .post("/person_events", LoxoMiscRoutes::createEvent)
                .get("/person_events/{id}", LoxoMiscRoutes::getEvent)
                .put("/person_events/{id}", LoxoMiscRoutes::updateEvent)
                .delete("/person_events/{id}", req -> {
                    if (!acc(req).data.events.delete(req.pathLong("id"))) throw new ApiException(404, "Not Found");
                    return Resp.json(200, Map.of());
                })
                .get("/companies", LoxoMiscRoutes::listCompanies)
                .post("/companies", LoxoMiscRoutes::createCompany)
                .get("/companies/{id}", req -> Resp.json(200, company(req)))
                .put("/companies/{id}", LoxoMiscRoutes::updateCompany)
                .get("/users", req -> Resp.json(200, acc(req).data.users))
                .get("/workflows", req -> Resp.json(200, List.of(workflow())))
                .get("/workflow_stages", LoxoMiscRoutes::stages)
                .get("/activity_types", LoxoMiscRoutes::activityTypes)
                .get("/job_statuses", req -> Resp.json(200, idNames(LoxoData.JOB_STATUSES)))
                .get("/job_types", req -> Resp.json(200, idNames(LoxoData.JOB_TYPES)))
                .get("/person_types", req -> Resp.json(200, List.of(LoxoData.personType(0), LoxoData.personType(1))))
                .get(
                        "/webhooks",
                        req -> Resp.json(200, new ArrayList<>(new java.util.TreeMap<>(acc(req).webhooks).values())))
                .post("/webhooks", LoxoMiscRoutes::createWebhook)
                .get("/webhooks/{id}", req -> Resp.json(200, webhook(req)))
                .put("/webhooks/{id}", LoxoMiscRoutes::updateWebhook)
                .delete("/webhooks/{id}", req -> {
                    if (acc(req).webhooks.remove(req.pathLong("id")) == null) throw new ApiException(404, "Not Found");
                    return Resp.json(200, Map.of());
                });
    }

    static LoxoAccount acc(Req req) {
        return (LoxoAccount) req.account;
    }

    // ---- person events ----

    static Resp listEvents(Req req) {
        LoxoPaging.strict(req, EVENT_PARAMS);
        LoxoAccount acc = acc(req);
        String person = req.q("person_id");
        List<String> jobIds = req.query.getOrDefault("job_ids[]", req.query.getOrDefault("job_ids", List.of()));
        long after = LoxoPaging.afterId(req);
        int per = LoxoPaging.perPage(req);
        if (person == null && jobIds.isEmpty()) {
            var events = acc.data.events;
            byte[] body = acc.cached(
                    "events|" + after + "|" + per + "|" + events.version(),
                    () -> Json.bytes(LoxoPaging.scroll(
                            "person_events", events.pageAfter(after, per), events.total(), "created_at", false)));
            return Resp.json(200, body);
        }
        int pIdx = person == null ? -1 : acc.data.people.indexOf(parse(person));
        List<Map<String, Object>> hits = acc.data.events.filter(
                person == null ? null : i -> i == pIdx,
                e -> (person == null || person.equals(String.valueOf(e.get("person_id"))))
                        && (jobIds.isEmpty() || jobIds.contains(String.valueOf(e.get("job_id")))));
        return Resp.json(
                200,
                LoxoPaging.scroll(
                        "person_events", LoxoPaging.after(hits, after, per), hits.size(), "created_at", false));
    }

    static long parse(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(422, "Invalid", Map.of("errors", List.of("Invalid parameters: [:person_id]")));
        }
    }

    /** Quirk (§6.2 [LIVE]): an unknown person_event id answers 200 with the body `null`. */
    static Resp getEvent(Req req) {
        LoxoAccount acc = acc(req);
        Map<String, Object> e = acc.data.events.get(req.pathLong("id"));
        if (e == null) {
            if ("404".equals(String.valueOf(acc.quirk("unknown_person_event"))))
                throw new ApiException(404, "Not Found");
            return Resp.json(200, "null".getBytes());
        }
        Map<String, Object> out = new LinkedHashMap<>(e);
        Object[] at = LoxoData.activityType(((Number) e.get("activity_type_id")).longValue());
        if (at != null) out.put("activity_type", Map.of("id", at[0], "key", at[1], "name", at[2]));
        out.put("event_deal_links", List.of());
        return Resp.json(200, out);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> eventParams(Req req) {
        Map<String, Object> body = LoxoBodies.parse(req);
        return body.get("person_event") instanceof Map<?, ?> m ? (Map<String, Object>) m : body;
    }

    static Long optLong(Object o) {
        if (o == null || o.toString().isBlank()) return null;
        try {
            return Long.parseLong(o.toString().trim());
        } catch (NumberFormatException e) {
            throw new ApiException(422, "Invalid", Map.of("errors", List.of("Invalid value " + o)));
        }
    }

    static Resp createEvent(Req req) {
        LoxoAccount acc = acc(req);
        Map<String, Object> p = eventParams(req);
        Long at = optLong(p.get("activity_type_id"));
        if (at == null || LoxoData.activityType(at) == null)
            throw new ApiException(
                    422,
                    "Validation",
                    Map.of("person_event", Map.of(), "errors", List.of("Activity type can't be blank")));
        Long personId = optLong(p.get("person_id"));
        Long jobId = optLong(p.get("job_id"));
        if (personId != null && !acc.data.people.exists(personId)) throw new ApiException(404, "Not Found");
        if (jobId != null && !acc.data.jobs.exists(jobId)) throw new ApiException(404, "Not Found");
        String now = LoxoData.ts(Instant.now());
        long id = acc.data.events.reserveId();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", id);
        e.put("notes", p.get("notes"));
        e.put("pinned", LoxoJobRoutes.truthy(p.get("pinned")));
        e.put("person_id", personId);
        e.put("activity_type_id", at);
        e.put("job_id", jobId);
        e.put("company_id", optLong(p.get("company_id")));
        e.put(
                "created_at",
                p.get("created_at") == null ? now : p.get("created_at").toString());
        e.put("created_by_id", optLong(p.get("created_by_id")));
        e.put("updated_at", now);
        e.put("updated_by_id", optLong(p.get("updated_by_id")));
        e.put("documents", List.of());
        acc.data.events.putWithId(id, e);
        // an event linked to a job progresses the candidate on that job (§5); without a job nothing moves
        if (personId != null && jobId != null) LoxoPipeline.progress(acc, personId, jobId, at, id, now);
        fireWebhooks(acc, "person_event", "create", id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("person_event", e);
        out.put("errors", List.of());
        return Resp.json(acc.createStatus(), out);
    }

    static Resp updateEvent(Req req) {
        LoxoAccount acc = acc(req);
        long id = req.pathLong("id");
        Map<String, Object> e = acc.data.events.copy(id);
        if (e == null) throw new ApiException(404, "Not Found");
        Map<String, Object> p = eventParams(req);
        if (p.containsKey("notes")) e.put("notes", p.get("notes"));
        if (p.containsKey("pinned")) e.put("pinned", LoxoJobRoutes.truthy(p.get("pinned")));
        e.put("updated_at", LoxoData.ts(Instant.now()));
        acc.data.events.put(id, e);
        return Resp.json(200, Map.of("person_event", e, "errors", List.of()));
    }

    // ---- companies (scroll only; per_page → 422) ----

    static Resp listCompanies(Req req) {
        LoxoPaging.strict(req, COMPANY_PARAMS);
        LoxoAccount acc = acc(req);
        long after = LoxoPaging.afterId(req);
        int per = 25;
        String q = req.q("query");
        List<Map<String, Object>> items;
        int total;
        if (q == null || q.isBlank()) {
            items = acc.data.companies.pageAfter(after, per);
            total = acc.data.companies.total();
        } else {
            String needle = q.toLowerCase(Locale.ROOT).replace("\"", "");
            List<Map<String, Object>> hits = acc.data.companies.filter(
                    null,
                    c -> String.valueOf(c.get("name")).toLowerCase(Locale.ROOT).contains(needle));
            items = LoxoPaging.after(hits, after, per);
            total = hits.size();
        }
        List<Map<String, Object>> listItems = new ArrayList<>();
        for (Map<String, Object> c : items) {
            Map<String, Object> li = new LinkedHashMap<>();
            for (String k : List.of("id", "name", "url", "job_count", "owned_by_name", "owned_by_id"))
                li.put(k, c.get(k));
            listItems.add(li);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "scroll_id",
                items.isEmpty()
                        ? null
                        : LoxoPaging.encode(
                                Instant.now().toEpochMilli(),
                                items.get(items.size() - 1).get("id")));
        m.put("total_count", total);
        m.put("facets", Map.of("global_status_aggs", List.of()));
        m.put("companies", listItems);
        return Resp.json(200, m);
    }

    static Map<String, Object> company(Req req) {
        Map<String, Object> c = acc(req).data.companies.get(req.pathLong("id"));
        if (c == null) throw new ApiException(404, "Not Found");
        return c;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> companyParams(Req req) {
        Map<String, Object> body = LoxoBodies.parse(req);
        return body.get("company") instanceof Map<?, ?> m ? (Map<String, Object>) m : body;
    }

    static Resp createCompany(Req req) {
        LoxoAccount acc = acc(req);
        Map<String, Object> p = companyParams(req);
        if (LoxoJobRoutes.blank(p.get("name")))
            throw new ApiException(
                    422, "Validation", Map.of("company", Map.of(), "errors", List.of("Name can't be blank")));
        long id = acc.data.companies.reserveId();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", id);
        c.put("name", p.get("name"));
        c.put("url", p.get("url"));
        c.put("job_count", 0);
        c.put("owned_by_name", null);
        c.put("owned_by_id", null);
        c.put("description", p.get("description"));
        c.put("logo_large_url", "/logos/large/missing.png");
        c.put("logo_thumb_url", "/logos/thumb/missing.png");
        acc.data.companies.putWithId(id, c);
        fireWebhooks(acc, "company", "create", id);
        // create response (§6.5 [LIVE]): {"company":{id,name,logo_*},"errors":[]}
        Map<String, Object> brief = new LinkedHashMap<>();
        for (String k : List.of("id", "name", "logo_large_url", "logo_thumb_url")) brief.put(k, c.get(k));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("company", brief);
        out.put("errors", List.of());
        return Resp.json(acc.createStatus(), out);
    }

    static Resp updateCompany(Req req) {
        LoxoAccount acc = acc(req);
        long id = req.pathLong("id");
        Map<String, Object> c = acc.data.companies.copy(id);
        if (c == null) throw new ApiException(404, "Not Found");
        Map<String, Object> p = companyParams(req);
        for (String k : List.of("name", "url", "description")) if (p.containsKey(k)) c.put(k, p.get(k));
        acc.data.companies.put(id, c);
        fireWebhooks(acc, "company", "update", id);
        return Resp.json(200, Map.of("company", c, "errors", List.of()));
    }

    // ---- workflows, stages, activity types, reference lists (bare arrays) ----

    static Map<String, Object> workflow() {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("id", LoxoData.WORKFLOW_ID);
        w.put("name", "Default Workflow");
        w.put("default", true);
        return w;
    }

    static Resp stages(Req req) {
        String wf = req.q("workflow_id");
        List<Map<String, Object>> out = new ArrayList<>();
        if (wf != null && !wf.equals(String.valueOf(LoxoData.WORKFLOW_ID))) return Resp.json(200, out);
        for (Object[] s : LoxoData.STAGES) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s[0]);
            m.put("name", s[1]);
            m.put("workflow_id", LoxoData.WORKFLOW_ID);
            m.put("position", s[2]);
            m.put("parent_id", null);
            m.put("children", List.of());
            m.put("active", true);
            m.put("include_in_job_pipeline", true);
            out.add(m);
        }
        return Resp.json(200, out);
    }

    /** Bare array; `after_id` is rejected with 422 (§2 [LIVE]); each type may map to a stage (§5). */
    static Resp activityTypes(Req req) {
        LoxoPaging.strict(req, Set.of("workflow_id", "show_hidden"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] a : LoxoData.ACTIVITY_TYPES) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a[0]);
            m.put("key", a[1]);
            m.put("name", a[2]);
            m.put("position", null);
            m.put("children", List.of());
            m.put("hidden", false);
            m.put("workflow_stage_id", a[3]);
            out.add(m);
        }
        return Resp.json(200, out);
    }

    static List<Map<String, Object>> idNames(Object[][] rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] r : rows) out.add(LoxoData.idName(r[0], r[1]));
        return out;
    }

    // ---- webhooks ----

    static final List<String> ITEM_TYPES = List.of(
            "candidate",
            "company",
            "deal",
            "job",
            "person_education_profile",
            "person_event",
            "person_job_profile",
            "person",
            "placement_split",
            "placement",
            "company_document",
            "deal_document",
            "job_document",
            "person_event_document",
            "person_document",
            "resume");
    static final List<String> ACTIONS = List.of("create", "update", "destroy");

    static Map<String, Object> webhook(Req req) {
        Map<String, Object> w = acc(req).webhooks.get(req.pathLong("id"));
        if (w == null) throw new ApiException(404, "Not Found");
        return w;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> webhookParams(Req req) {
        Map<String, Object> body = LoxoBodies.parse(req);
        return body.get("webhook") instanceof Map<?, ?> m ? (Map<String, Object>) m : body;
    }

    static void validateWebhook(Map<String, Object> w) {
        List<String> errors = new ArrayList<>();
        if (!ITEM_TYPES.contains(String.valueOf(w.get("item_type"))))
            errors.add("Item type is not included in the list");
        if (!ACTIONS.contains(String.valueOf(w.get("action")))) errors.add("Action is not included in the list");
        if (LoxoJobRoutes.blank(w.get("endpoint_url"))) errors.add("Endpoint url can't be blank");
        if (!errors.isEmpty()) throw new ApiException(422, "Validation", Map.of("errors", errors));
    }

    static Resp createWebhook(Req req) {
        LoxoAccount acc = acc(req);
        Map<String, Object> p = webhookParams(req);
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("id", acc.nextId());
        w.put("item_type", p.get("item_type"));
        w.put("action", p.get("action"));
        w.put("endpoint_url", p.get("endpoint_url"));
        validateWebhook(w);
        acc.webhooks.put(((Number) w.get("id")).longValue(), w);
        return Resp.json(200, w);
    }

    static Resp updateWebhook(Req req) {
        LoxoAccount acc = acc(req);
        Map<String, Object> w = new LinkedHashMap<>(webhook(req));
        Map<String, Object> p = webhookParams(req);
        for (String k : List.of("item_type", "action", "endpoint_url")) if (p.containsKey(k)) w.put(k, p.get(k));
        validateWebhook(w);
        acc.webhooks.put(((Number) w.get("id")).longValue(), w);
        return Resp.json(200, w);
    }

    /** Delivery format is unknown (§6.10): POST {item_type, action, item_id}; the client re-fetches [INF]. */
    static void fireWebhooks(LoxoAccount acc, String itemType, String action, long itemId) {
        for (Map<String, Object> w : acc.webhooks.values()) {
            if (!itemType.equals(w.get("item_type")) || !action.equals(w.get("action"))) continue;
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("item_type", itemType);
            payload.put("action", action);
            payload.put("item_id", itemId);
            acc.registry.webhooks.send(String.valueOf(w.get("endpoint_url")), Json.bytes(payload), Map.of(), null);
        }
    }
}
