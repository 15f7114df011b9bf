package dev.interlink.sandbox.cats;

import static dev.interlink.sandbox.cats.CatsCandidateRoutes.blank;
import static dev.interlink.sandbox.cats.CatsCandidateRoutes.validation;

import dev.interlink.sandbox.common.ApiException;
import dev.interlink.sandbox.common.Json;
import dev.interlink.sandbox.common.Req;
import dev.interlink.sandbox.common.Resp;
import dev.interlink.sandbox.common.Router;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Contacts (§4.5, shape §5.6 [LIVE]), portals (§4.9 [LIVE] S8) and read-only /triggers (§2 quirk). */
final class CatsContactPortalRoutes {
    private CatsContactPortalRoutes() {}

    static final long PORTAL_ID = 80_001L;
    static final List<String> CONTACT_FIELDS = List.of(
            "first_name",
            "last_name",
            "title",
            "reports_to_id",
            "owner_id",
            "company_id",
            "address",
            "country_code",
            "is_hot",
            "has_left_company",
            "notes");

    static void register(Router r) {
        r.get("/contacts", req -> CatsHal.storePage(req, "contacts", acc(req).data.contacts, acc(req)))
                .post("/contacts", CatsContactPortalRoutes::createContact)
                .get("/contacts/statuses", req -> CatsHal.list(req, "statuses", contactStatuses()))
                .get("/contacts/{id}", req -> Resp.json(200, contact(req)))
                .put("/contacts/{id}", CatsContactPortalRoutes::updateContact)
                .delete("/contacts/{id}", req -> {
                    if (!acc(req).data.contacts.delete(req.pathLong("id"))) throw new ApiException(404, "Not found.");
                    return Resp.empty(204);
                })
                .post("/contacts/{id}/status", CatsContactPortalRoutes::contactStatus)
                .get("/companies/{id}/contacts", CatsContactPortalRoutes::companyContacts)
                .get("/portals", req -> CatsHal.list(req, "portals", List.of(portal())))
                .get("/portals/{pid}", req -> {
                    portalId(req);
                    return Resp.json(200, portal());
                })
                .get("/portals/{pid}/jobs", CatsContactPortalRoutes::portalJobs)
                .put("/portals/{pid}/jobs/{jid}", req -> publish(req, true))
                .delete("/portals/{pid}/jobs/{jid}", req -> publish(req, false))
                .post("/portals/{pid}/jobs/{jid}", CatsContactPortalRoutes::apply)
                .get("/triggers", CatsContactPortalRoutes::triggers);
    }

    static CatsAccount acc(Req req) {
        return (CatsAccount) req.account;
    }

    static Map<String, Object> contact(Req req) {
        Map<String, Object> c = acc(req).data.contacts.get(req.pathLong("id"));
        if (c == null) throw new ApiException(404, "Not found.");
        return c;
    }

    static List<Map<String, Object>> contactStatuses() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] row : CatsData.CONTACT_STATUSES) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", row[0]);
            s.put("workflow_id", CatsData.CONTACT_WORKFLOW);
            s.put("title", row[1]);
            s.put("mapping", row[2]);
            s.put("prerequisites", List.of());
            s.put("triggers", List.of());
            s.put("_links", Map.of("self", CatsData.link("contacts/statuses/" + row[0])));
            out.add(s);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Resp createContact(Req req) {
        CatsAccount acc = acc(req);
        Map<String, Object> b = Json.object(req.body);
        List<String> errors = new ArrayList<>();
        if (blank(b.get("first_name"))) errors.add("first_name must not be empty");
        if (blank(b.get("last_name"))) errors.add("last_name must not be empty");
        if (!(b.get("company_id") instanceof Number n) || !acc.data.companies.exists(n.longValue()))
            errors.add("company_id must reference an existing company");
        if (!errors.isEmpty()) throw validation(errors);
        long id = acc.data.contacts.reserveId();
        String now = CatsData.ts(Instant.now(), CatsData.UTC);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", id);
        for (String f : CONTACT_FIELDS) c.put(f, b.get(f));
        List<String> emails = CatsCandidateRoutes.emailList(b.get("emails"));
        Map<String, Object> es = new LinkedHashMap<>();
        es.put("primary", emails.isEmpty() ? null : emails.get(0));
        es.put("secondary", emails.size() > 1 ? emails.get(1) : null);
        c.put("emails", es);
        Map<String, Object> ps = new LinkedHashMap<>();
        ps.put("work", null);
        ps.put("cell", null);
        ps.put("other", null);
        for (Map<String, Object> p : CatsCandidateRoutes.phoneList(b.get("phones"))) {
            String type = String.valueOf(p.getOrDefault("type", "work"));
            ps.put(type.equals("mobile") ? "cell" : ps.containsKey(type) ? type : "other", p.get("number"));
        }
        c.put("phones", ps);
        c.put("social_media_urls", List.of());
        c.put("entered_by_id", c.get("owner_id"));
        c.put("consent_status", null);
        c.put("date_created", now);
        c.put("date_modified", now);
        c.put("status_id", CatsData.CONTACT_STATUSES[0][0]);
        CatsShapes.finishContact(c);
        acc.data.contacts.putWithId(id, c);
        CatsEvents.emit(acc, "contact.created", "contact", id, c);
        return CatsHal.created(req, "/contacts/" + id);
    }

    static Resp updateContact(Req req) {
        CatsAccount acc = acc(req);
        long id = req.pathLong("id");
        Map<String, Object> c = acc.data.contacts.copy(id);
        if (c == null) throw new ApiException(404, "Not found.");
        Map<String, Object> b = Json.object(req.body);
        for (String f : CONTACT_FIELDS) if (b.containsKey(f)) c.put(f, b.get(f));
        c.put("date_modified", CatsData.ts(Instant.now(), CatsData.UTC));
        acc.data.contacts.put(id, c);
        CatsEvents.emit(acc, "contact.updated", "contact", id, c);
        return Resp.empty(204);
    }

    static Resp contactStatus(Req req) {
        CatsAccount acc = acc(req);
        long id = req.pathLong("id");
        Map<String, Object> c = acc.data.contacts.copy(id);
        if (c == null) throw new ApiException(404, "Not found.");
        Object sid = Json.object(req.body).get("status_id");
        boolean known = false;
        for (Object[] row : CatsData.CONTACT_STATUSES)
            known |= sid instanceof Number n && (Long) row[0] == n.longValue();
        if (!known) throw validation(List.of("status_id must reference an existing contact status"));
        c.put("status_id", ((Number) sid).longValue());
        CatsShapes.finishContact(c);
        acc.data.contacts.put(id, c);
        CatsEvents.emit(acc, "contact.status_changed", "contact", id, c);
        return CatsHal.created(req, "/contacts/" + id);
    }

    static Resp companyContacts(Req req) {
        CatsAccount acc = acc(req);
        long cid = req.pathLong("id");
        int idx = acc.data.companies.indexOf(cid);
        if (!acc.data.companies.exists(cid)) throw new ApiException(404, "Not found.");
        return CatsHal.list(
                req,
                "contacts",
                acc.data.contacts.filter(i -> i / 2 == idx, c -> ((Number) c.get("company_id")).longValue() == cid));
    }

    static Map<String, Object> portal() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", PORTAL_ID);
        p.put("name", "Careers");
        p.put(
                "_links",
                Map.of(
                        "self",
                        CatsData.link("/portals/" + PORTAL_ID),
                        "jobs",
                        CatsData.link("/portals/" + PORTAL_ID + "/jobs")));
        return p;
    }

    static void portalId(Req req) {
        if (req.pathLong("pid") != PORTAL_ID) throw new ApiException(404, "Not found.");
    }

    static Resp portalJobs(Req req) {
        portalId(req);
        return CatsHal.list(
                req, "jobs", acc(req).data.jobs.filter(null, j -> Boolean.TRUE.equals(j.get("is_published"))));
    }

    /** PUT with {} publishes (204), DELETE unpublishes (§4.9 [LIVE] S8). */
    static Resp publish(Req req, boolean on) {
        portalId(req);
        CatsAccount acc = acc(req);
        long jid = req.pathLong("jid");
        Map<String, Object> j = acc.data.jobs.copy(jid);
        if (j == null) throw new ApiException(404, "Not found.");
        j.put("is_published", on);
        acc.data.jobs.put(jid, j);
        return Resp.empty(204);
    }

    /** POST = submit an application: creates the candidate and its pipeline on the job (body shape [INF]). */
    static Resp apply(Req req) {
        portalId(req);
        CatsAccount acc = acc(req);
        long jid = req.pathLong("jid");
        Map<String, Object> job = acc.data.jobs.get(jid);
        if (job == null) throw new ApiException(404, "Not found.");
        Map<String, Object> b = Json.object(req.body);
        if (blank(b.get("first_name")) || blank(b.get("last_name")) || blank(b.get("email")))
            throw validation(List.of("first_name, last_name and email are required"));
        long cid = acc.data.candidates.reserveId();
        String now = CatsData.ts(Instant.now(), CatsData.UTC);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", cid);
        for (String f : CatsCandidateRoutes.WRITABLE) c.put(f, b.getOrDefault(f, CatsCandidateRoutes.defaultFor(f)));
        c.put("source", "Careers portal");
        c.put("entered_by_id", null);
        c.put("date_created", now);
        c.put("date_modified", now);
        List<Map<String, Object>> emails = new ArrayList<>(
                List.of(CatsData.emailRow(cid, acc.nextId(), b.get("email").toString(), true)));
        CatsShapes.finishCandidate(c, emails, new ArrayList<>());
        acc.data.candidates.putWithId(cid, c);
        long pid = acc.data.pipelines.reserveId();
        long wf = ((Number) job.get("workflow_id")).longValue();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", pid);
        p.put("candidate_id", cid);
        p.put("job_id", jid);
        p.put("rating", 0);
        p.put("workflow_id", wf);
        p.put("status_id", acc.data.statusesOf(wf)[0][0]);
        p.put("date_created", CatsData.ts(Instant.now(), CatsData.CENTRAL));
        p.put("date_modified", p.get("date_created"));
        CatsShapes.finishPipeline(p);
        acc.data.pipelines.putWithId(pid, p);
        CatsEvents.emit(acc, "candidate.created", "candidate", cid, c);
        CatsEvents.emit(acc, "pipeline.created", "pipeline", pid, p);
        return CatsHal.created(req, "/candidates/" + cid);
    }

    /** /triggers: like /events, neither `total` nor `_links.next` (§2 [LIVE]). */
    static Resp triggers(Req req) {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", 7001);
        t.put("title", "Email candidate on status change");
        t.put("is_required", false);
        t.put("is_on_by_default", true);
        out.add(t);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", out.size());
        m.put("_links", Map.of("self", CatsData.link("/triggers")));
        m.put("_embedded", Map.of("triggers", out));
        return Resp.json(200, m);
    }
}
