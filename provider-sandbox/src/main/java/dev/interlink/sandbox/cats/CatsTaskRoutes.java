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
 * /tasks (§4.9): assigned_to_id required and > 0, priority 1–5 required; live error texts "assigned_to_id must be
 * positive", "priority must not be optional" ([LIVE] S3), reported together.
 */
final class CatsTaskRoutes {
    private CatsTaskRoutes() {}

    static final List<String> FIELDS =
            List.of("title", "description", "assigned_to_id", "priority", "data_item", "date_due", "is_completed");

    static void register(Router r) {
        r.get("/tasks", req -> {
                    List<Map<String, Object>> all = new ArrayList<>(new java.util.TreeMap<>(acc(req).tasks).values());
                    return CatsHal.list(req, "tasks", all);
                })
                .post("/tasks", CatsTaskRoutes::create)
                .get("/tasks/{id}", req -> Resp.json(200, task(req)))
                .put("/tasks/{id}", CatsTaskRoutes::update)
                .delete("/tasks/{id}", req -> {
                    task(req);
                    acc(req).tasks.remove(req.pathLong("id"));
                    return Resp.empty(204);
                });
    }

    static CatsAccount acc(Req req) {
        return (CatsAccount) req.account;
    }

    static Map<String, Object> task(Req req) {
        Map<String, Object> t = acc(req).tasks.get(req.pathLong("id"));
        if (t == null) throw new ApiException(404, "Not found.");
        return t;
    }

    static List<String> validate(Map<String, Object> b, boolean partial) {
        List<String> errors = new ArrayList<>();
        if (!partial || b.containsKey("assigned_to_id")) {
            if (!(b.get("assigned_to_id") instanceof Number n) || n.longValue() <= 0)
                errors.add("assigned_to_id must be positive");
        }
        if (!partial || b.containsKey("priority")) {
            Object p = b.get("priority");
            if (p == null) errors.add("priority must not be optional");
            else if (!(p instanceof Number n) || n.intValue() < 1 || n.intValue() > 5)
                errors.add("priority must be between 1 and 5");
        }
        return errors;
    }

    static Resp create(Req req) {
        CatsAccount acc = acc(req);
        Map<String, Object> b = Json.object(req.body);
        List<String> errors = validate(b, false);
        if (!errors.isEmpty()) throw validation(errors);
        long id = acc.nextId();
        String now = CatsData.ts(Instant.now(), CatsData.UTC);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", id);
        for (String f : FIELDS) t.put(f, b.get(f));
        if (t.get("is_completed") == null) t.put("is_completed", false);
        t.put("date_created", now);
        t.put("date_modified", now);
        t.put("_links", Map.of("self", CatsData.link("/tasks/" + id)));
        acc.tasks.put(id, t);
        return CatsHal.created(req, "/tasks/" + id);
    }

    static Resp update(Req req) {
        CatsAccount acc = acc(req);
        Map<String, Object> t = new LinkedHashMap<>(task(req));
        Map<String, Object> b = Json.object(req.body);
        List<String> errors = validate(b, true);
        if (!errors.isEmpty()) throw validation(errors);
        for (String f : FIELDS) if (b.containsKey(f)) t.put(f, b.get(f));
        t.put("date_modified", CatsData.ts(Instant.now(), CatsData.UTC));
        acc.tasks.put(req.pathLong("id"), t);
        return Resp.empty(204);
    }
}
