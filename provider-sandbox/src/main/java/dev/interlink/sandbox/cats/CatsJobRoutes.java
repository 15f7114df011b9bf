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
import java.util.Locale;
import java.util.Map;

/** /jobs (docs/providers/cats.md §4.2). There is no /jobs/{id}/candidates: pipelines are the applications. */
final class CatsJobRoutes {
    private CatsJobRoutes() {}

    static final List<String> WRITABLE = List.of(
            "title",
            "location",
            "country_code",
            "department_id",
            "recruiter_id",
            "owner_id",
            "is_hot",
            "start_date",
            "salary",
            "max_rate",
            "duration",
            "type",
            "openings",
            "external_id",
            "description",
            "notes",
            "contact_id",
            "company_id",
            "workflow_id");

    static void register(Router r) {
        r.get("/jobs", req -> CatsHal.storePage(req, "jobs", acc(req).data.jobs, acc(req)))
                .post("/jobs", CatsJobRoutes::create)
                .get("/jobs/search", CatsJobRoutes::search)
                .post("/jobs/search", req -> CatsFilter.search(req, "jobs", acc(req).data.jobs))
                .get("/jobs/statuses", req -> CatsHal.list(req, "statuses", statuses()))
                .get("/jobs/statuses/{sid}", req -> Resp.json(200, status(req.pathLong("sid"))))
                .get("/jobs/{id}", req -> Resp.json(200, get(req)))
                .put("/jobs/{id}", CatsJobRoutes::update)
                .delete("/jobs/{id}", req -> {
                    CatsAccount acc = acc(req);
                    long id = req.pathLong("id");
                    if (!acc.data.jobs.delete(id)) throw new ApiException(404, "Not found.");
                    CatsEvents.emit(acc, "job.deleted", "job", id, null);
                    return Resp.empty(204);
                })
                .get("/jobs/{id}/pipelines", CatsJobRoutes::pipelines)
                .post("/jobs/{id}/status", CatsJobRoutes::changeStatus);
    }

    static CatsAccount acc(Req req) {
        return (CatsAccount) req.account;
    }

    static Map<String, Object> get(Req req) {
        Map<String, Object> j = acc(req).data.jobs.get(req.pathLong("id"));
        if (j == null) throw new ApiException(404, "Not found.");
        return j;
    }

    static List<Map<String, Object>> statuses() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] row : CatsData.JOB_STATUSES) out.add(CatsShapes.jobStatus(row));
        return out;
    }

    static Map<String, Object> status(long sid) {
        for (Object[] row : CatsData.JOB_STATUSES) if ((Long) row[0] == sid) return CatsShapes.jobStatus(row);
        throw new ApiException(404, "Not found.");
    }

    @SuppressWarnings("unchecked")
    static Resp create(Req req) {
        CatsAccount acc = acc(req);
        Map<String, Object> b = Json.object(req.body);
        List<String> errors = new ArrayList<>();
        // required: title, location{city,state,postal_code}, company_id (§4.2 [DOC~])
        if (blank(b.get("title"))) errors.add("title must not be empty");
        if (!(b.get("location") instanceof Map<?, ?> loc)) errors.add("location must not be empty");
        else
            for (String f : List.of("city", "state", "postal_code"))
                if (blank(((Map<String, Object>) loc).get(f))) errors.add("location." + f + " must not be empty");
        if (!(b.get("company_id") instanceof Number)) errors.add("company_id must be of type integer");
        else if (!acc.data.companies.exists(((Number) b.get("company_id")).longValue()))
            errors.add("company_id must reference an existing company");
        Object wf = b.get("workflow_id");
        if (wf != null && (!(wf instanceof Number n) || acc.data.statusesOf(n.longValue()) == null))
            errors.add("workflow_id must reference an existing workflow");
        if (!errors.isEmpty()) throw validation(errors);
        if ("true".equalsIgnoreCase(req.q("check_duplicate"))) {
            String title = b.get("title").toString();
            long company = ((Number) b.get("company_id")).longValue();
            List<Map<String, Object>> dup = acc.data.jobs.filter(
                    null,
                    j -> title.equalsIgnoreCase(String.valueOf(j.get("title")))
                            && ((Number) j.get("company_id")).longValue() == company);
            if (!dup.isEmpty()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("message", "Duplicate record found.");
                body.put("data_item", Map.of("id", dup.get(0).get("id"), "type", "job"));
                throw new ApiException(409, "Duplicate record found.", body);
            }
        }
        long id = acc.data.jobs.reserveId();
        String now = CatsData.ts(Instant.now(), CatsData.UTC);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("id", id);
        for (String f : WRITABLE) j.put(f, b.getOrDefault(f, null));
        j.putIfAbsent("country_code", "US");
        if (j.get("workflow_id") == null) j.put("workflow_id", CatsData.WF_GENERAL);
        if (j.get("openings") == null) j.put("openings", 1);
        j.put("category", b.getOrDefault("category_name", null));
        j.put("status_id", CatsData.JOB_STATUSES[0][0]);
        j.put("is_published", false);
        j.put("portal_hidden", false);
        j.put("user_groups", List.of());
        j.put("date_created", now);
        j.put("date_modified", now);
        CatsShapes.finishJob(j);
        acc.data.jobs.putWithId(id, j);
        CatsEvents.emit(acc, "job.created", "job", id, j);
        return CatsHal.created(req, "/jobs/" + id);
    }

    static Resp update(Req req) {
        CatsAccount acc = acc(req);
        long id = req.pathLong("id");
        Map<String, Object> j = acc.data.jobs.copy(id);
        if (j == null) throw new ApiException(404, "Not found.");
        Map<String, Object> b = Json.object(req.body);
        for (String f : WRITABLE) if (b.containsKey(f) && !f.equals("workflow_id")) j.put(f, b.get(f));
        j.put("date_modified", CatsData.ts(Instant.now(), CatsData.UTC));
        CatsShapes.finishJob(j);
        acc.data.jobs.put(id, j);
        CatsEvents.emit(acc, "job.updated", "job", id, j);
        return Resp.empty(204);
    }

    static Resp search(Req req) {
        CatsAccount acc = acc(req);
        String q = req.q("query");
        if (q == null || q.isBlank()) return CatsHal.storePage(req, "jobs", acc.data.jobs, acc);
        String needle = q.toLowerCase(Locale.ROOT);
        return CatsHal.list(req, "jobs", acc.data.jobs.filter(null, j -> String.valueOf(j.get("title"))
                .toLowerCase(Locale.ROOT)
                .contains(needle)));
    }

    static Resp pipelines(Req req) {
        CatsAccount acc = acc(req);
        long id = ((Number) get(req).get("id")).longValue();
        int jIdx = acc.data.jobs.indexOf(id);
        int jobs = acc.data.jobCount;
        return CatsHal.list(
                req,
                "pipelines",
                acc.data.pipelines.filter(
                        i -> jIdx >= 0 && i % jobs == jIdx, p -> ((Number) p.get("job_id")).longValue() == id));
    }

    /** {"status_id": N, "triggers": [...]} → 201 (§4.2 [DOC~]). */
    static Resp changeStatus(Req req) {
        CatsAccount acc = acc(req);
        long id = req.pathLong("id");
        Map<String, Object> j = acc.data.jobs.copy(id);
        if (j == null) throw new ApiException(404, "Not found.");
        Object sid = Json.object(req.body).get("status_id");
        if (!(sid instanceof Number n)) throw validation(List.of("status_id must be of type integer"));
        try {
            status(n.longValue());
        } catch (ApiException e) {
            throw validation(List.of("status_id must reference an existing job status"));
        }
        j.put("status_id", n.longValue());
        j.put("is_published", n.longValue() == 3002L);
        j.put("date_modified", CatsData.ts(Instant.now(), CatsData.UTC));
        CatsShapes.finishJob(j);
        acc.data.jobs.put(id, j);
        CatsEvents.emit(acc, "job.status_changed", "job", id, j);
        return CatsHal.created(req, "/jobs/" + id);
    }
}
