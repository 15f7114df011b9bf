package dev.interlink.sandbox.cats;

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

/**
 * Pipelines and workflows (docs/providers/cats.md §4.3): status moves only through POST /pipelines/{id}/status, validated
 * against the pipeline's workflow; PUT changes the rating only.
 */
final class CatsPipelineRoutes {
    private CatsPipelineRoutes() {}

    static void register(Router r) {
        r.get("/pipelines", req -> CatsHal.storePage(req, "pipelines", acc(req).data.pipelines, acc(req)))
                .post("/pipelines", CatsPipelineRoutes::create)
                .post("/pipelines/search", req -> CatsFilter.search(req, "pipelines", acc(req).data.pipelines))
                .get("/pipelines/workflows", req -> CatsHal.list(req, "workflows", workflows()))
                .get("/pipelines/workflows/{wid}", req -> Resp.json(200, workflow(req.pathLong("wid"))))
                .get(
                        "/pipelines/workflows/{wid}/statuses",
                        req -> CatsHal.list(req, "statuses", statuses(acc(req), req.pathLong("wid"))))
                .get("/pipelines/workflows/{wid}/statuses/{sid}", CatsPipelineRoutes::oneStatus)
                .get("/pipelines/{id}", req -> Resp.json(200, get(req)))
                .put("/pipelines/{id}", CatsPipelineRoutes::update)
                .delete("/pipelines/{id}", CatsPipelineRoutes::delete)
                .post("/pipelines/{id}/status", CatsPipelineRoutes::changeStatus)
                .get("/pipelines/{id}/statuses", CatsPipelineRoutes::history);
    }

    static CatsAccount acc(Req req) {
        return (CatsAccount) req.account;
    }

    static Map<String, Object> get(Req req) {
        Map<String, Object> p = acc(req).data.pipelines.get(req.pathLong("id"));
        if (p == null) throw new ApiException(404, "Not found.");
        return p;
    }

    static List<Map<String, Object>> workflows() {
        return List.of(
                CatsShapes.workflow(CatsData.WF_GENERAL, "General", true),
                CatsShapes.workflow(CatsData.WF_FAST, "Fast Track", false));
    }

    static Map<String, Object> workflow(long id) {
        for (Map<String, Object> w : workflows()) if (((Number) w.get("id")).longValue() == id) return w;
        throw new ApiException(404, "Not found.");
    }

    static List<Map<String, Object>> statuses(CatsAccount acc, long wid) {
        Object[][] rows = acc.data.statusesOf(wid);
        if (rows == null) throw new ApiException(404, "Not found.");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] row : rows) out.add(CatsShapes.status(wid, row));
        return out;
    }

    static Resp oneStatus(Req req) {
        long sid = req.pathLong("sid");
        for (Map<String, Object> s : statuses(acc(req), req.pathLong("wid")))
            if (((Number) s.get("id")).longValue() == sid) return Resp.json(200, s);
        throw new ApiException(404, "Not found.");
    }

    static Resp create(Req req) {
        CatsAccount acc = acc(req);
        Map<String, Object> b = Json.object(req.body);
        List<String> errors = new ArrayList<>();
        if (!(b.get("candidate_id") instanceof Number)) errors.add("candidate_id must be of type integer");
        if (!(b.get("job_id") instanceof Number)) errors.add("job_id must be of type integer");
        Object rating = b.getOrDefault("rating", 0);
        if (!(rating instanceof Number rn) || rn.intValue() < 0 || rn.intValue() > 5)
            errors.add("rating must be between 0 and 5");
        if (!errors.isEmpty()) throw validation(errors);
        long cid = ((Number) b.get("candidate_id")).longValue();
        long jid = ((Number) b.get("job_id")).longValue();
        if (!acc.data.candidates.exists(cid))
            throw validation(List.of("candidate_id must reference an existing candidate"));
        Map<String, Object> job = acc.data.jobs.get(jid);
        if (job == null) throw validation(List.of("job_id must reference an existing job"));
        int cIdx = acc.data.candidates.indexOf(cid);
        List<Map<String, Object>> existing = acc.data.pipelines.filter(
                i -> i == cIdx,
                p -> ((Number) p.get("candidate_id")).longValue() == cid
                        && ((Number) p.get("job_id")).longValue() == jid);
        if (!existing.isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("message", "Candidate is already in this pipeline.");
            body.put("data_item", Map.of("id", existing.get(0).get("id"), "type", "pipeline"));
            throw new ApiException(409, "Candidate is already in this pipeline.", body);
        }
        long wf = ((Number) job.get("workflow_id")).longValue();
        Object[][] statuses = acc.data.statusesOf(wf);
        long id = acc.data.pipelines.reserveId();
        String now = CatsData.ts(Instant.now(), CatsData.CENTRAL);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        p.put("candidate_id", cid);
        p.put("job_id", jid);
        p.put("rating", ((Number) rating).intValue());
        p.put("workflow_id", wf);
        // new pipelines start in the workflow's first status, "No Contact" (§4.3 [LIVE])
        p.put("status_id", statuses[0][0]);
        p.put("date_created", now);
        p.put("date_modified", now);
        CatsShapes.finishPipeline(p);
        acc.data.pipelines.putWithId(id, p);
        if (!"false".equalsIgnoreCase(req.q("create_activity")) && req.q("create_activity") != null)
            CatsMiscRoutes.createActivity(
                    acc, cid, "other", jid, null, "Added candidate to pipeline: " + statuses[0][1]);
        CatsEvents.emit(acc, "pipeline.created", "pipeline", id, p);
        return CatsHal.created(req, "/pipelines/" + id);
    }

    /** Only `rating` is updatable; a status_id in the body is ignored (§4.3 [DOC~], §7). */
    static Resp update(Req req) {
        CatsAccount acc = acc(req);
        long id = req.pathLong("id");
        Map<String, Object> p = acc.data.pipelines.copy(id);
        if (p == null) throw new ApiException(404, "Not found.");
        Map<String, Object> b = Json.object(req.body);
        if (b.containsKey("rating")) {
            if (!(b.get("rating") instanceof Number n) || n.intValue() < 0 || n.intValue() > 5)
                throw validation(List.of("rating must be between 0 and 5"));
            p.put("rating", n.intValue());
        }
        p.put("date_modified", CatsData.ts(Instant.now(), CatsData.CENTRAL));
        acc.data.pipelines.put(id, p);
        return Resp.empty(204);
    }

    static Resp delete(Req req) {
        CatsAccount acc = acc(req);
        long id = req.pathLong("id");
        if (!acc.data.pipelines.delete(id)) throw new ApiException(404, "Not found.");
        CatsEvents.emit(acc, "pipeline.deleted", "pipeline", id, null);
        return Resp.empty(204);
    }

    static Resp changeStatus(Req req) {
        CatsAccount acc = acc(req);
        long id = req.pathLong("id");
        Map<String, Object> p = acc.data.pipelines.copy(id);
        if (p == null) throw new ApiException(404, "Not found.");
        Object sid = Json.object(req.body).get("status_id");
        if (!(sid instanceof Number n)) throw validation(List.of("status_id must be of type integer"));
        long wf = ((Number) p.get("workflow_id")).longValue();
        Object[] target = null;
        for (Object[] row : acc.data.statusesOf(wf)) if ((Long) row[0] == n.longValue()) target = row;
        // the status must belong to the pipeline's workflow (§4.3 [DOC~])
        if (target == null) throw validation(List.of("status_id must belong to the pipeline's workflow " + wf));
        long from = ((Number) p.get("status_id")).longValue();
        String now = CatsData.ts(Instant.now(), CatsData.CENTRAL);
        ensureHistory(acc, p);
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("id", acc.nextId());
        h.put("pipeline_id", id);
        h.put("from_status_id", from);
        h.put("to_status_id", n.longValue());
        h.put("status_id", n.longValue());
        h.put("title", target[1]);
        h.put("mapping", target[2]);
        h.put("date_created", now);
        acc.data.statusHistory.get(id).add(h);
        p.put("status_id", n.longValue());
        p.put("date_modified", now);
        CatsShapes.finishPipeline(p);
        acc.data.pipelines.put(id, p);
        if ("true".equalsIgnoreCase(req.q("create_activity")))
            CatsMiscRoutes.createActivity(
                    acc,
                    ((Number) p.get("candidate_id")).longValue(),
                    "other",
                    p.get("job_id"),
                    null,
                    "Status changed to " + target[1]);
        CatsEvents.emit(acc, "pipeline.status_changed", "pipeline", id, p);
        return CatsHal.created(req, "/pipelines/" + id);
    }

    /** The initial history row (into the current status at creation) is synthesized on first use. */
    static void ensureHistory(CatsAccount acc, Map<String, Object> p) {
        long id = ((Number) p.get("id")).longValue();
        acc.data.statusHistory.computeIfAbsent(id, k -> {
            List<Map<String, Object>> l = java.util.Collections.synchronizedList(new ArrayList<>());
            l.add(initialRow(p, id));
            return l;
        });
    }

    static Map<String, Object> initialRow(Map<String, Object> p, long id) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("id", id);
        h.put("pipeline_id", id);
        h.put("from_status_id", null);
        h.put("to_status_id", p.get("status_id"));
        h.put("status_id", p.get("status_id"));
        h.put("date_created", p.get("date_created"));
        return h;
    }

    static Resp history(Req req) {
        CatsAccount acc = acc(req);
        Map<String, Object> p = get(req);
        long id = ((Number) p.get("id")).longValue();
        List<Map<String, Object>> h = acc.data.statusHistory.get(id);
        List<Map<String, Object>> rows;
        if (h == null) rows = List.of(initialRow(p, id));
        else
            synchronized (h) {
                rows = new ArrayList<>(h);
            }
        return CatsHal.list(req, "statuses", rows);
    }
}
