package dev.interlink.sandbox.loxo;

import dev.interlink.sandbox.common.ApiException;
import dev.interlink.sandbox.common.Json;
import dev.interlink.sandbox.common.Req;
import dev.interlink.sandbox.common.Resp;
import dev.interlink.sandbox.common.Router;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** /jobs (page-based, §2) and job candidates (scroll, composite addressing through the job, §4.4). */
final class LoxoJobRoutes {
    private LoxoJobRoutes() {}

    static final int MAX_WINDOW = 10_000;
    static final Set<String> CANDIDATE_PARAMS =
            Set.of("per_page", "scroll_id", "query", "activity_type_id", "person_id");

    static void register(Router r) {
        r.get("/jobs", LoxoJobRoutes::list)
                .post("/jobs", LoxoJobRoutes::create)
                .get("/jobs/{id}", req -> Resp.json(200, get(req)))
                .put("/jobs/{id}", LoxoJobRoutes::update)
                .delete("/jobs/{id}", req -> {
                    if (!acc(req).data.jobs.delete(req.pathLong("id"))) throw new ApiException(404, "Not Found");
                    return Resp.json(200, Map.of());
                })
                .post("/jobs/{job_id}/apply", LoxoJobRoutes::apply)
                .get("/jobs/{job_id}/candidates", LoxoJobRoutes::candidates)
                .get("/jobs/{job_id}/candidates/{id}", req -> Resp.json(200, render(acc(req), candidate(req))))
                .put("/jobs/{job_id}/candidates/{id}", LoxoJobRoutes::updateCandidate);
    }

    static LoxoAccount acc(Req req) {
        return (LoxoAccount) req.account;
    }

    static Map<String, Object> get(Req req) {
        Map<String, Object> j = acc(req).data.jobs.get(req.pathLong("id"));
        if (j == null) throw new ApiException(404, "Not Found");
        return j;
    }

    /** page/per_page with top-level current_page/total_pages/per_page/total_count/results; 400 past 10,000. */
    static Resp list(Req req) {
        LoxoAccount acc = acc(req);
        int page = Math.max(1, req.qInt("page", 1));
        int per = LoxoPaging.perPage(req);
        long offset = (long) (page - 1) * per;
        if (offset >= MAX_WINDOW) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("status", 400);
            b.put("error", "Paginating past the first 10000 results is not supported");
            return Resp.json(400, b);
        }
        String q = req.q("query");
        String statusId = req.q("job_status_id");
        if ((q == null || q.isBlank()) && statusId == null) {
            byte[] body = acc.cached("jobs|" + page + "|" + per + "|" + acc.data.jobs.version(), () -> {
                int total = acc.data.jobs.total();
                return Json.bytes(envelope(page, per, total, acc.data.jobs.page((int) offset, per)));
            });
            return Resp.json(200, body);
        }
        String needle = q == null ? "" : q.toLowerCase(Locale.ROOT);
        List<Map<String, Object>> hits = acc.data.jobs.filter(
                null,
                j -> String.valueOf(j.get("title")).toLowerCase(Locale.ROOT).contains(needle)
                        && (statusId == null
                                || statusId.equals(String.valueOf(((Map<?, ?>) j.get("status")).get("id")))));
        int from = (int) Math.min(hits.size(), offset);
        return Resp.json(200, envelope(page, per, hits.size(), hits.subList(from, Math.min(hits.size(), from + per))));
    }

    static Map<String, Object> envelope(int page, int per, int total, List<Map<String, Object>> results) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("current_page", page);
        m.put("total_pages", (total + per - 1) / per);
        m.put("per_page", per);
        m.put("total_count", total);
        m.put("results", results);
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> jobParams(Req req) {
        Map<String, Object> body = LoxoBodies.parse(req);
        return body.get("job") instanceof Map<?, ?> m ? (Map<String, Object>) m : body;
    }

    static Resp create(Req req) {
        LoxoAccount acc = acc(req);
        Map<String, Object> params = jobParams(req);
        Map<String, Object> j = new LinkedHashMap<>();
        // Quirk (§6.3 [LIVE]): missing required fields → 200 {"job":{"id":null,...}} echoing input, nothing stored
        boolean ok = !blank(params.get("title"))
                && !blank(params.get("job_type_id"))
                && !blank(params.get("raw_company_name"));
        String now = LoxoData.ts(Instant.now());
        j.put("id", null);
        j.put("agency", LoxoData.idName(LoxoData.AGENCY_ID, "Sandbox Agency"));
        j.put("title", params.get("title"));
        j.put("published_name", params.getOrDefault("published_name", params.get("title")));
        j.put("description", params.get("description"));
        j.put("internal_notes", params.get("internal_notes"));
        j.put("company", companyRef(params));
        j.put("city", params.get("city"));
        j.put("state_code", params.get("state_code"));
        j.put("zip", params.get("zip"));
        j.put("country_code", params.getOrDefault("country_code", "US"));
        j.put(
                "salary",
                params.get("salary") == null ? null : params.get("salary").toString());
        j.put("job_type", jobType(params.get("job_type_id")));
        j.put("status", jobStatus(params.get("job_status_id")));
        j.put("published", truthy(params.get("published")));
        j.put("remote_work_allowed", truthy(params.get("remote_work_allowed")));
        j.put("created_at", now);
        j.put("updated_at", now);
        if (ok) {
            long id = acc.data.jobs.reserveId();
            j.put("id", id);
            j.put("public_url", "https://app.loxo.co/job/" + id);
            acc.data.jobs.putWithId(id, j);
            LoxoMiscRoutes.fireWebhooks(acc, "job", "create", id);
        }
        // the silent failure (id null) is always a 200 ([LIVE] §6.3)
        return Resp.json(ok ? acc.createStatus() : 200, Map.of("job", j));
    }

    static Resp update(Req req) {
        LoxoAccount acc = acc(req);
        long id = req.pathLong("id");
        Map<String, Object> j = acc.data.jobs.copy(id);
        if (j == null) throw new ApiException(404, "Not Found");
        Map<String, Object> params = jobParams(req);
        for (String k : List.of(
                "title",
                "published_name",
                "description",
                "internal_notes",
                "city",
                "state_code",
                "zip",
                "country_code")) if (params.containsKey(k)) j.put(k, params.get(k));
        if (params.containsKey("salary")) j.put("salary", String.valueOf(params.get("salary")));
        if (params.containsKey("job_status_id")) j.put("status", jobStatus(params.get("job_status_id")));
        if (params.containsKey("job_type_id")) j.put("job_type", jobType(params.get("job_type_id")));
        if (params.containsKey("published")) j.put("published", truthy(params.get("published")));
        j.put("updated_at", LoxoData.ts(Instant.now()));
        acc.data.jobs.put(id, j);
        LoxoMiscRoutes.fireWebhooks(acc, "job", "update", id);
        return Resp.json(200, Map.of("job", j));
    }

    static Map<String, Object> companyRef(Map<String, Object> params) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put(
                "id",
                params.get("company_id") == null
                        ? null
                        : Long.parseLong(params.get("company_id").toString()));
        c.put("name", params.get("raw_company_name"));
        c.put("hidden", truthy(params.get("company_hidden")));
        return c;
    }

    static Map<String, Object> jobType(Object id) {
        for (Object[] t : LoxoData.JOB_TYPES)
            if (id != null && t[0].toString().equals(id.toString())) return LoxoData.idName(t[0], t[1]);
        return null;
    }

    static Map<String, Object> jobStatus(Object id) {
        Object[] s = LoxoData.JOB_STATUSES[0];
        for (Object[] t : LoxoData.JOB_STATUSES)
            if (id != null && t[0].toString().equals(id.toString())) s = t;
        return LoxoData.idName(s[0], s[1]);
    }

    static boolean truthy(Object o) {
        return o != null
                && (Boolean.TRUE.equals(o) || "true".equalsIgnoreCase(o.toString()) || "1".equals(o.toString()));
    }

    static boolean blank(Object o) {
        return o == null || o.toString().isBlank();
    }

    /**
     * POST /jobs/{job_id}/apply (§4.3 [DOC]): multipart, required email ("will lookup existing people"), name, phone;
     * optional resume. Answers {ok, person}. Lands in the Applied stage (the UI's applicant inbox is [INF]).
     */
    @SuppressWarnings("unchecked")
    static Resp apply(Req req) {
        LoxoAccount acc = acc(req);
        long jobId = req.pathLong("job_id");
        if (!acc.data.jobs.exists(jobId)) throw new ApiException(404, "Not Found");
        Map<String, Object> p = LoxoBodies.parse(req);
        List<String> errors = new java.util.ArrayList<>();
        for (String f : List.of("email", "name", "phone"))
            if (blank(p.get(f))) errors.add(Character.toUpperCase(f.charAt(0)) + f.substring(1) + " can't be blank");
        if (!errors.isEmpty()) throw new ApiException(422, "Validation", Map.of("ok", false, "errors", errors));
        String email = p.get("email").toString().toLowerCase(Locale.ROOT);
        List<Map<String, Object>> existing = acc.data.people.filter(null, x -> LoxoPeopleRoutes.hasEmail(x, email));
        long personId;
        String now = LoxoData.ts(Instant.now());
        if (!existing.isEmpty()) personId = ((Number) existing.get(0).get("id")).longValue();
        else {
            Map<String, Object> person = new LinkedHashMap<>();
            personId = acc.data.people.reserveId();
            person.put("id", personId);
            person.put("name", p.get("name").toString());
            person.put("emails", new java.util.ArrayList<>(List.of(LoxoData.emailRow(acc.nextId(), email))));
            person.put(
                    "phones",
                    new java.util.ArrayList<>(List.of(
                            LoxoData.phoneRow(acc.nextId(), p.get("phone").toString()))));
            person.put("linkedin_url", p.get("linkedin"));
            person.put("person_types", List.of(LoxoData.personType(0)));
            person.put("created_at", now);
            person.put("updated_at", now);
            person.put("resumes", new java.util.ArrayList<>());
            person.put("documents", new java.util.ArrayList<>());
            person.put("all_raw_tags", "");
            person.put("source_type", LoxoData.idName(38_518L, "API"));
            acc.data.people.putWithId(personId, person);
        }
        if (p.get("resume") instanceof LoxoBodies.FilePart f) {
            Map<String, Object> person = acc.data.people.copy(personId);
            long fid = acc.nextId();
            acc.data.files.put(fid, f.bytes());
            ((List<Map<String, Object>>) person.computeIfAbsent("resumes", k -> new java.util.ArrayList<>()))
                    .add(LoxoData.fileRow(fid, f.filename(), Instant.now()));
            acc.data.people.put(personId, person);
        }
        LoxoPipeline.progress(acc, personId, jobId, 1_550_057L, null, now); // "applied"
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", true);
        out.put("person", acc.data.people.get(personId));
        return Resp.json(200, out);
    }

    /** {@code id} is the candidate (job-person link) id, looked up through its job (§4.4 [DOC]). */
    static Map<String, Object> candidate(Req req) {
        LoxoAccount acc = acc(req);
        long jobId = req.pathLong("job_id");
        if (!acc.data.jobs.exists(jobId)) throw new ApiException(404, "Not Found");
        Map<String, Object> c = acc.data.candidates.get(req.pathLong("id"));
        if (c == null || ((Number) c.get("job_id")).longValue() != jobId) throw new ApiException(404, "Not Found");
        return c;
    }

    static Resp candidates(Req req) {
        LoxoPaging.strict(req, CANDIDATE_PARAMS);
        LoxoAccount acc = acc(req);
        long jobId = req.pathLong("job_id");
        if (!acc.data.jobs.exists(jobId)) throw new ApiException(404, "Not Found");
        int jIdx = acc.data.jobs.indexOf(jobId);
        int jobs = acc.data.jobCount;
        String at = req.q("activity_type_id");
        String person = req.q("person_id");
        Object[] atRow = at == null ? null : LoxoData.activityType(Long.parseLong(at));
        List<Map<String, Object>> all = acc.data.candidates.filter(
                i -> jIdx >= 0 && i % jobs == jIdx,
                c -> ((Number) c.get("job_id")).longValue() == jobId
                        && (person == null || person.equals(String.valueOf(c.get("person_id"))))
                        && (at == null
                                || (atRow != null && atRow[3] != null && atRow[3].equals(c.get("workflow_stage_id")))));
        List<Map<String, Object>> page = LoxoPaging.after(all, LoxoPaging.afterId(req), LoxoPaging.perPage(req));
        List<Map<String, Object>> rendered =
                page.stream().map(c -> render(acc, c)).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "scroll_id",
                page.isEmpty()
                        ? null
                        : LoxoPaging.encode(page.get(page.size() - 1).get("id")));
        m.put("total_count", all.size());
        m.put("candidates", rendered);
        return Resp.json(200, m);
    }

    /** Candidate as read by clients (§6.4): the stage, the live person summary and the latest event. */
    static Map<String, Object> render(LoxoAccount acc, Map<String, Object> c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.get("id"));
        out.put("job_id", c.get("job_id"));
        out.put("person_id", c.get("person_id"));
        out.put("workflow_stage_id", c.get("workflow_stage_id"));
        out.put("position", c.get("position"));
        out.put("candidate_rejection_reason", c.get("candidate_rejection_reason"));
        out.put("highlights", c.get("highlights"));
        Map<String, Object> p = acc.data.people.get(((Number) c.get("person_id")).longValue());
        if (p != null) {
            Map<String, Object> ps = new LinkedHashMap<>();
            for (String k : List.of(
                    "id",
                    "name",
                    "profile_picture_thumb_url",
                    "profile_picture_original_url",
                    "location",
                    "city",
                    "state",
                    "country",
                    "current_title",
                    "current_company",
                    "compensation",
                    "salary",
                    "salary_type_id",
                    "owned_by_id",
                    "blocked",
                    "created_at",
                    "updated_at",
                    "linkedin_url",
                    "person_types",
                    "emails",
                    "phones",
                    "source_type")) ps.put(k, p.get(k));
            out.put("person", ps);
        } else out.put("person", null);
        Object evId = c.get("latest_person_event_id");
        Map<String, Object> ev = evId == null ? null : acc.data.events.get(((Number) evId).longValue());
        if (ev != null) {
            Map<String, Object> le = new LinkedHashMap<>();
            for (String k :
                    List.of("id", "activity_type_id", "created_at", "created_by_id", "updated_at", "updated_by_id"))
                le.put(k, ev.get(k));
            out.put("latest_person_event", le);
        } else out.put("latest_person_event", null);
        return out;
    }

    /** The only writable field is `highlights` (§4.4 [DOC]); anything else is ignored. */
    @SuppressWarnings("unchecked")
    static Resp updateCandidate(Req req) {
        LoxoAccount acc = acc(req);
        Map<String, Object> c = EntityStoreCopy.copy(candidate(req));
        Map<String, Object> body = LoxoBodies.parse(req);
        Map<String, Object> params = body.get("candidate") instanceof Map<?, ?> m ? (Map<String, Object>) m : body;
        if (params.containsKey("highlights")) c.put("highlights", params.get("highlights"));
        acc.data.candidates.put(((Number) c.get("id")).longValue(), c);
        return Resp.json(200, Map.of("candidate", render(acc, c), "errors", List.of()));
    }

    static final class EntityStoreCopy {
        static Map<String, Object> copy(Map<String, Object> m) {
            return dev.interlink.sandbox.common.EntityStore.deepCopy(m);
        }
    }
}
