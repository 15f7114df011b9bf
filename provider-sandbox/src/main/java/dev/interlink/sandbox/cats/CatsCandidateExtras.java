package dev.interlink.sandbox.cats;

import static dev.interlink.sandbox.cats.CatsCandidateRoutes.acc;
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

/**
 * Work history (item path differs between mirrors; all three are served, §4.1 [INF]), thumbnails and candidate
 * lists (§4.1). Registered before /candidates/{id} so literal segments win.
 */
final class CatsCandidateExtras {
    private CatsCandidateExtras() {}

    static void register(Router r) {
        r.get(
                        "/candidates/lists",
                        req -> CatsHal.list(
                                req, "lists", new ArrayList<>(acc(req).lists.values())))
                .post("/candidates/lists", CatsCandidateExtras::createList)
                .get("/candidates/lists/{lid}", req -> Resp.json(200, list(req)))
                .delete("/candidates/lists/{lid}", req -> {
                    list(req);
                    acc(req).lists.remove(req.pathLong("lid"));
                    return Resp.empty(204);
                })
                .get("/candidates/lists/{lid}/items", req -> {
                    list(req);
                    List<Map<String, Object>> rows = acc(req).listItems.get(req.pathLong("lid"));
                    synchronized (rows) {
                        return CatsHal.list(req, "items", new ArrayList<>(rows));
                    }
                })
                .post("/candidates/lists/{lid}/items", CatsCandidateExtras::addItems)
                .delete("/candidates/lists/{lid}/items/{iid}", CatsCandidateExtras::deleteItem)
                .get("/candidates/work_history/{wid}", req -> Resp.json(200, whRow(req, null)))
                .put("/candidates/work_history/{wid}", req -> updateWh(req, null))
                .delete("/candidates/work_history/{wid}", req -> deleteWh(req, null))
                .get("/work_history/{wid}", req -> Resp.json(200, whRow(req, null)))
                .put("/work_history/{wid}", req -> updateWh(req, null))
                .delete("/work_history/{wid}", req -> deleteWh(req, null))
                .get(
                        "/candidates/{id}/work_history",
                        req -> CatsHal.list(
                                req,
                                "work_history",
                                CatsCandidateRoutes.rows(CatsCandidateRoutes.get(req), "work_history")))
                .post("/candidates/{id}/work_history", CatsCandidateExtras::addWh)
                .get("/candidates/{id}/work_history/{wid}", req -> Resp.json(200, whRow(req, req.pathLong("id"))))
                .put("/candidates/{id}/work_history/{wid}", req -> updateWh(req, req.pathLong("id")))
                .delete("/candidates/{id}/work_history/{wid}", req -> deleteWh(req, req.pathLong("id")))
                .get("/candidates/{id}/thumbnail", CatsCandidateExtras::thumbnail)
                .put("/candidates/{id}/thumbnail", CatsCandidateExtras::putThumbnail);
    }

    // ---- work history ----

    /** [LIVE] S3: employer must be a nested {"name":..,"linked":false} object; both errors reported at once. */
    @SuppressWarnings("unchecked")
    static List<String> validateWh(Map<String, Object> b, boolean partial) {
        List<String> errors = new ArrayList<>();
        if (partial && !b.containsKey("employer")) return errors;
        Object emp = b.get("employer");
        Map<String, Object> e = emp instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        if (blank(e.get("name"))) errors.add("employer.name must not be empty");
        if (!(e.get("linked") instanceof Boolean)) errors.add("employer.linked must be of type boolean");
        return errors;
    }

    static final List<String> WH_FIELDS = List.of(
            "title",
            "employer",
            "supervisor",
            "is_verified",
            "is_current",
            "start_date",
            "end_date",
            "reason_for_leaving");

    static Resp addWh(Req req) {
        CatsAccount acc = acc(req);
        long cid = req.pathLong("id");
        Map<String, Object> c = acc.data.candidates.copy(cid);
        if (c == null) throw new ApiException(404, "Not found.");
        Map<String, Object> b = Json.object(req.body);
        List<String> errors = validateWh(b, false);
        if (!errors.isEmpty()) throw validation(errors);
        long wid = acc.nextId();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", wid);
        for (String f : WH_FIELDS) row.put(f, b.get(f));
        row.put("_links", Map.of("self", CatsData.link("/candidates/" + cid + "/work_history/" + wid)));
        CatsCandidateRoutes.rows(c, "work_history").add(row);
        acc.data.candidates.put(cid, c);
        acc.workHistoryOwner.put(wid, cid);
        return CatsHal.created(req, "/candidates/" + cid + "/work_history/" + wid);
    }

    static long ownerOf(Req req, Long cid) {
        long wid = req.pathLong("wid");
        Long owner = acc(req).workHistoryOwner.get(wid);
        if (owner == null || (cid != null && !owner.equals(cid))) throw new ApiException(404, "Not found.");
        return owner;
    }

    static Map<String, Object> whRow(Req req, Long cid) {
        long owner = ownerOf(req, cid);
        Map<String, Object> c = acc(req).data.candidates.get(owner);
        if (c == null) throw new ApiException(404, "Not found.");
        return CatsCandidateRoutes.row(c, "work_history", req.pathLong("wid"));
    }

    static Resp updateWh(Req req, Long cid) {
        CatsAccount acc = acc(req);
        long owner = ownerOf(req, cid);
        Map<String, Object> c = acc.data.candidates.copy(owner);
        if (c == null) throw new ApiException(404, "Not found.");
        Map<String, Object> row = CatsCandidateRoutes.row(c, "work_history", req.pathLong("wid"));
        Map<String, Object> b = Json.object(req.body);
        List<String> errors = validateWh(b, true);
        if (!errors.isEmpty()) throw validation(errors);
        for (String f : WH_FIELDS) if (b.containsKey(f)) row.put(f, b.get(f));
        acc.data.candidates.put(owner, c);
        return Resp.empty(204);
    }

    static Resp deleteWh(Req req, Long cid) {
        CatsAccount acc = acc(req);
        long owner = ownerOf(req, cid);
        Map<String, Object> c = acc.data.candidates.copy(owner);
        if (c == null) throw new ApiException(404, "Not found.");
        Map<String, Object> row = CatsCandidateRoutes.row(c, "work_history", req.pathLong("wid"));
        CatsCandidateRoutes.rows(c, "work_history").remove(row);
        acc.data.candidates.put(owner, c);
        acc.workHistoryOwner.remove(req.pathLong("wid"));
        return Resp.empty(204);
    }

    // ---- thumbnail ----

    static Map<String, Object> thumbnailRow(CatsAccount acc, Map<String, Object> c) {
        List<Map<String, Object>> t = CatsCandidateRoutes.rows(c, "thumbnail");
        if (!t.isEmpty()) return t.get(0);
        long cid = ((Number) c.get("id")).longValue();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", cid % 100_000);
        row.put("source", "gravatar");
        row.put("attachment_id", null);
        row.put("url", "https://sandbox-" + acc.accountId + ".catsone.com/candidates/" + cid + "/thumbnail");
        row.put("_links", Map.of("self", CatsData.link("/candidates/" + cid + "/thumbnail")));
        return row;
    }

    static Resp thumbnail(Req req) {
        return Resp.json(200, thumbnailRow(acc(req), CatsCandidateRoutes.get(req)));
    }

    static Resp putThumbnail(Req req) {
        CatsAccount acc = acc(req);
        long cid = req.pathLong("id");
        Map<String, Object> c = acc.data.candidates.copy(cid);
        if (c == null) throw new ApiException(404, "Not found.");
        Map<String, Object> b = Json.object(req.body);
        Object source = b.get("source");
        if (!List.of("attachment", "gravatar", "disabled").contains(String.valueOf(source)))
            throw validation(List.of("source must be one of attachment, gravatar, disabled"));
        if ("attachment".equals(source) && !(b.get("attachment_id") instanceof Number))
            throw validation(List.of("attachment_id must be of type integer"));
        Map<String, Object> row = new LinkedHashMap<>(thumbnailRow(acc, c));
        row.put("source", source);
        row.put("attachment_id", "attachment".equals(source) ? b.get("attachment_id") : null);
        List<Map<String, Object>> t = CatsCandidateRoutes.rows(c, "thumbnail");
        t.clear();
        t.add(row);
        acc.data.candidates.put(cid, c);
        return Resp.empty(204);
    }

    // ---- lists: item rows are {id, candidate_id, date_created}; row id ≠ candidate id ([LIVE] §4.1) ----

    static Map<String, Object> list(Req req) {
        Map<String, Object> l = acc(req).lists.get(req.pathLong("lid"));
        if (l == null) throw new ApiException(404, "Not found.");
        return l;
    }

    static Resp createList(Req req) {
        CatsAccount acc = acc(req);
        Map<String, Object> b = Json.object(req.body);
        if (blank(b.get("name"))) throw validation(List.of("name must not be empty"));
        long id = acc.nextId();
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("id", id);
        l.put("name", b.get("name").toString());
        l.put("notes", b.getOrDefault("notes", ""));
        l.put("date_created", CatsData.ts(Instant.now(), CatsData.UTC));
        l.put("_links", Map.of("self", CatsData.link("/candidates/lists/" + id)));
        acc.lists.put(id, l);
        acc.listItems.put(id, java.util.Collections.synchronizedList(new ArrayList<>()));
        return CatsHal.created(req, "/candidates/lists/" + id);
    }

    @SuppressWarnings("unchecked")
    static Resp addItems(Req req) {
        CatsAccount acc = acc(req);
        list(req);
        long lid = req.pathLong("lid");
        Object items = Json.object(req.body).get("items");
        if (!(items instanceof List<?> l)) throw validation(List.of("items must be an array"));
        List<Map<String, Object>> rows = acc.listItems.get(lid);
        for (Object o : l) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("candidate_id") instanceof Number n))
                throw validation(List.of("items[].candidate_id must be of type integer"));
            if (!acc.data.candidates.exists(n.longValue()))
                throw validation(List.of("candidate_id must reference an existing candidate"));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", acc.nextId());
            row.put("candidate_id", n.longValue());
            row.put("date_created", CatsData.ts(Instant.now(), CatsData.CENTRAL));
            rows.add(row);
        }
        return Resp.empty(201);
    }

    static Resp deleteItem(Req req) {
        CatsAccount acc = acc(req);
        list(req);
        List<Map<String, Object>> rows = acc.listItems.get(req.pathLong("lid"));
        long iid = req.pathLong("iid");
        if (!rows.removeIf(r -> ((Number) r.get("id")).longValue() == iid)) throw new ApiException(404, "Not found.");
        return Resp.empty(204);
    }
}
