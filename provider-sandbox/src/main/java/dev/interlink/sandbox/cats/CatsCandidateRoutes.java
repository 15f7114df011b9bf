package dev.interlink.sandbox.cats;

import static dev.interlink.sandbox.cats.CatsHal.created;

import dev.interlink.sandbox.common.ApiException;
import dev.interlink.sandbox.common.EntityStore;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** /candidates and its sub-resources (docs/providers/cats.md §4.1). */
final class CatsCandidateRoutes {
    private CatsCandidateRoutes() {}

    /** Fields a create/update may set directly; flat email/phone are NOT here: CATS drops them (§4.1 [LIVE]). */
    static final List<String> WRITABLE = List.of(
            "first_name",
            "middle_name",
            "last_name",
            "title",
            "address",
            "country_code",
            "social_media_urls",
            "website",
            "best_time_to_call",
            "current_employer",
            "date_available",
            "current_pay",
            "desired_pay",
            "is_willing_to_relocate",
            "key_skills",
            "notes",
            "source",
            "owner_id",
            "is_active",
            "is_hot");

    static void register(Router r) {
        r.get("/candidates", req -> CatsHal.storePage(req, "candidates", acc(req).data.candidates, acc(req)))
                .post("/candidates", CatsCandidateRoutes::create)
                .get("/candidates/search", CatsCandidateRoutes::search)
                .post("/candidates/search", req -> CatsFilter.search(req, "candidates", acc(req).data.candidates))
                .get("/candidates/custom_fields", req -> CatsHal.list(req, "custom_fields", customFields()))
                .get("/candidates/custom_fields/{fid}", req -> Resp.json(200, customField(req.pathLong("fid"))))
                .get("/candidates/{id}", req -> Resp.json(200, get(req)))
                .put("/candidates/{id}", CatsCandidateRoutes::update)
                .delete("/candidates/{id}", CatsCandidateRoutes::delete)
                .get("/candidates/{id}/pipelines", CatsCandidateRoutes::pipelines)
                .get("/candidates/{id}/emails", req -> CatsHal.list(req, "emails", rows(get(req), "emails")))
                .post("/candidates/{id}/emails", req -> addRow(req, "emails"))
                .get(
                        "/candidates/{id}/emails/{rid}",
                        req -> Resp.json(200, row(get(req), "emails", req.pathLong("rid"))))
                .put("/candidates/{id}/emails/{rid}", req -> updateRow(req, "emails"))
                .delete("/candidates/{id}/emails/{rid}", req -> deleteRow(req, "emails"))
                .get("/candidates/{id}/phones", req -> CatsHal.list(req, "phones", rows(get(req), "phones")))
                .post("/candidates/{id}/phones", req -> addRow(req, "phones"))
                .get(
                        "/candidates/{id}/phones/{rid}",
                        req -> Resp.json(200, row(get(req), "phones", req.pathLong("rid"))))
                .put("/candidates/{id}/phones/{rid}", req -> updateRow(req, "phones"))
                .delete("/candidates/{id}/phones/{rid}", req -> deleteRow(req, "phones"))
                .get("/candidates/{id}/attachments", CatsCandidateRoutes::attachments)
                .post("/candidates/{id}/attachments", req -> CatsAttachments.upload(req, false))
                .post("/candidates/{id}/resumes", req -> CatsAttachments.upload(req, true))
                .get("/candidates/{id}/activities", CatsCandidateRoutes::activities)
                .post("/candidates/{id}/activities", CatsCandidateRoutes::addActivity)
                .get("/candidates/{id}/custom_fields", req -> CatsHal.list(req, "custom_fields", cfValues(get(req))))
                .get(
                        "/candidates/{id}/custom_fields/{fid}",
                        req -> Resp.json(200, cfValue(get(req), req.pathLong("fid"))))
                .put("/candidates/{id}/custom_fields/{fid}", CatsCandidateRoutes::putCustomField)
                .get("/candidates/{id}/tags", req -> CatsHal.list(req, "tags", tagsOf(req)))
                .post("/candidates/{id}/tags", req -> writeTags(req, true))
                .put("/candidates/{id}/tags", req -> writeTags(req, false))
                .delete("/candidates/{id}/tags/{tid}", CatsCandidateRoutes::deleteTag);
    }

    static CatsAccount acc(Req req) {
        return (CatsAccount) req.account;
    }

    static Map<String, Object> get(Req req) {
        Map<String, Object> c = acc(req).data.candidates.get(req.pathLong("id"));
        if (c == null) throw new ApiException(404, "Not found.");
        return c;
    }

    @SuppressWarnings("unchecked")
    static Resp create(Req req) {
        CatsAccount acc = acc(req);
        Map<String, Object> b = Json.object(req.body);
        List<String> errors = new ArrayList<>();
        if (blank(b.get("first_name"))) errors.add("first_name must not be empty");
        if (blank(b.get("last_name"))) errors.add("last_name must not be empty");
        if (b.get("work_history") instanceof List<?> wh)
            for (Object w : wh)
                errors.addAll(CatsCandidateExtras.validateWh(
                        w instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(), false));
        if (!errors.isEmpty()) throw validation(errors);
        List<String> emails = emailList(b.get("emails"));
        if ("true".equalsIgnoreCase(req.q("check_duplicate"))) {
            Map<String, Object> dup = findDuplicate(acc.data.candidates, emails);
            if (dup != null) {
                // §4.1: 409 with data_item of the existing record (body shape [INF])
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("message", "Duplicate record found.");
                body.put("data_item", Map.of("id", dup.get("id"), "type", "candidate"));
                throw new ApiException(409, "Duplicate record found.", body);
            }
        }
        EntityStore store = acc.data.candidates;
        long id = store.reserveId();
        String now = CatsData.ts(Instant.now(), CatsData.UTC);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", id);
        for (String f : WRITABLE) c.put(f, b.getOrDefault(f, defaultFor(f)));
        c.put("contact_id", null);
        c.put("entered_by_id", c.get("owner_id"));
        c.put("is_registered", b.containsKey("password"));
        c.put("consent_status", null);
        c.put("date_created", now);
        c.put("date_modified", now);
        List<Map<String, Object>> emailRows = new ArrayList<>();
        for (int i = 0; i < emails.size(); i++)
            emailRows.add(CatsData.emailRow(id, acc.nextId(), emails.get(i), i == 0 || isPrimary(b.get("emails"), i)));
        List<Map<String, Object>> phoneRows = new ArrayList<>();
        for (Map<String, Object> p : phoneList(b.get("phones")))
            phoneRows.add(CatsData.phoneRow(
                    id, acc.nextId(), str(p.get("number")), str(p.getOrDefault("type", "mobile")), Instant.now()));
        CatsShapes.finishCandidate(c, emailRows, phoneRows);
        if (b.get("work_history") instanceof List<?> wh)
            for (Object w : wh) {
                Map<String, Object> src = (Map<String, Object>) w;
                long wid = acc.nextId();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", wid);
                for (String f : CatsCandidateExtras.WH_FIELDS) row.put(f, src.get(f));
                row.put("_links", Map.of("self", CatsData.link("/candidates/" + id + "/work_history/" + wid)));
                rows(c, "work_history").add(row);
                acc.workHistoryOwner.put(wid, id);
            }
        store.putWithId(id, c);
        CatsEvents.emit(acc, "candidate.created", "candidate", id, c);
        return created(req, "/candidates/" + id);
    }

    static Object defaultFor(String f) {
        switch (f) {
            case "social_media_urls":
                return List.of();
            case "is_active":
                return true;
            case "is_hot":
            case "is_willing_to_relocate":
                return false;
            case "owner_id":
            case "date_available":
            case "address":
                return null;
            default:
                return "";
        }
    }

    static Resp update(Req req) {
        CatsAccount acc = acc(req);
        long id = req.pathLong("id");
        Map<String, Object> c = acc.data.candidates.copy(id);
        if (c == null) throw new ApiException(404, "Not found.");
        Map<String, Object> b = Json.object(req.body);
        for (String f : WRITABLE) if (b.containsKey(f)) c.put(f, b.get(f));
        c.put("date_modified", CatsData.ts(Instant.now(), CatsData.UTC));
        acc.data.candidates.put(id, c);
        CatsEvents.emit(acc, "candidate.updated", "candidate", id, c);
        return Resp.empty(204);
    }

    static Resp delete(Req req) {
        CatsAccount acc = acc(req);
        long id = req.pathLong("id");
        if (!acc.data.candidates.delete(id)) throw new ApiException(404, "Not found.");
        CatsEvents.emit(acc, "candidate.deleted", "candidate", id, null);
        return Resp.empty(204);
    }

    /** GET /candidates/search?query= — `query` only; q=/filter= are ignored and return everything (§4.1 [LIVE]). */
    static Resp search(Req req) {
        CatsAccount acc = acc(req);
        String q = req.q("query");
        if (q == null || q.isBlank()) return CatsHal.storePage(req, "candidates", acc.data.candidates, acc);
        String[] tokens = q.toLowerCase(Locale.ROOT).trim().split("\\s+");
        List<Map<String, Object>> hits = acc.data.candidates.filter(null, c -> matches(c, tokens));
        return CatsHal.list(req, "candidates", hits);
    }

    @SuppressWarnings("unchecked")
    static boolean matches(Map<String, Object> c, String[] tokens) {
        StringBuilder sb = new StringBuilder();
        sb.append(c.get("first_name"))
                .append(' ')
                .append(c.get("last_name"))
                .append(' ')
                .append(c.get("title"))
                .append(' ')
                .append(c.get("key_skills"))
                .append(' ');
        Map<String, Object> emails = (Map<String, Object>) c.get("emails");
        if (emails != null) sb.append(emails.get("primary"));
        String hay = sb.toString().toLowerCase(Locale.ROOT);
        for (String t : tokens) if (!hay.contains(t)) return false;
        return true;
    }

    static Resp pipelines(Req req) {
        CatsAccount acc = acc(req);
        long id = ((Number) get(req).get("id")).longValue();
        int idx = acc.data.candidates.indexOf(id);
        List<Map<String, Object>> list =
                acc.data.pipelines.filter(i -> i == idx, p -> ((Number) p.get("candidate_id")).longValue() == id);
        return CatsHal.list(req, "pipelines", list);
    }

    static Resp attachments(Req req) {
        CatsAccount acc = acc(req);
        long id = ((Number) get(req).get("id")).longValue();
        int idx = acc.data.candidates.indexOf(id);
        return CatsHal.list(req, "attachments", acc.data.attachments.filter(i -> i == idx, a -> ownedBy(a, id)));
    }

    @SuppressWarnings("unchecked")
    static boolean ownedBy(Map<String, Object> a, long id) {
        Map<String, Object> item = (Map<String, Object>) a.get("data_item");
        return "candidate".equals(item.get("type")) && ((Number) item.get("id")).longValue() == id;
    }

    static Resp activities(Req req) {
        CatsAccount acc = acc(req);
        long id = ((Number) get(req).get("id")).longValue();
        int idx = acc.data.candidates.indexOf(id);
        return CatsHal.list(req, "activities", acc.data.activities.filter(i -> i == idx, a -> ownedBy(a, id)));
    }

    static final List<String> ACTIVITY_TYPES =
            List.of("email", "meeting", "call_talked", "call_lvm", "call_missed", "text_message", "other");

    static Resp addActivity(Req req) {
        CatsAccount acc = acc(req);
        long cid = ((Number) get(req).get("id")).longValue();
        Map<String, Object> b = Json.object(req.body);
        Object type = b.get("type");
        if (type == null || !ACTIVITY_TYPES.contains(type.toString()))
            throw validation(List.of("type must be one of " + ACTIVITY_TYPES));
        long id = CatsMiscRoutes.createActivity(acc, cid, type.toString(), b.get("regarding_id"), b.get("notes"), "");
        return created(req, "/activities/" + id);
    }

    // ---- emails / phones sub-resources (rows live inside the candidate's _embedded) ----

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Map<String, Object> c, String kind) {
        return (List<Map<String, Object>>) ((Map<String, Object>) c.get("_embedded")).get(kind);
    }

    static Map<String, Object> row(Map<String, Object> c, String kind, long rid) {
        for (Map<String, Object> r : rows(c, kind)) if (((Number) r.get("id")).longValue() == rid) return r;
        throw new ApiException(404, "Not found.");
    }

    static Resp addRow(Req req, String kind) {
        CatsAccount acc = acc(req);
        long id = req.pathLong("id");
        Map<String, Object> c = acc.data.candidates.copy(id);
        if (c == null) throw new ApiException(404, "Not found.");
        Map<String, Object> b = Json.object(req.body);
        long rid = acc.nextId();
        List<Map<String, Object>> rows = rows(c, kind);
        if (kind.equals("emails")) {
            if (blank(b.get("email"))) throw validation(List.of("email must not be empty"));
            boolean primary = Boolean.TRUE.equals(b.get("is_primary")) || rows.isEmpty();
            // "exactly one of them must be marked as primary" (§4.1 [DOC~])
            if (primary) rows.forEach(r -> r.put("is_primary", false));
            rows.add(CatsData.emailRow(id, rid, b.get("email").toString(), primary));
        } else {
            if (blank(b.get("number"))) throw validation(List.of("number must not be empty"));
            String type = str(b.getOrDefault("type", "mobile"));
            if (!PHONE_TYPES.contains(type)) throw validation(List.of("type must be one of " + PHONE_TYPES));
            Map<String, Object> p = CatsData.phoneRow(id, rid, b.get("number").toString(), type, Instant.now());
            p.put("extension", str(b.getOrDefault("extension", "")));
            rows.add(p);
        }
        CatsShapes.refreshSummaries(c);
        acc.data.candidates.put(id, c);
        return created(req, "/candidates/" + id + "/" + kind + "/" + rid);
    }

    static final List<String> PHONE_TYPES = List.of("mobile", "home", "work", "fax", "main", "other");

    static Resp updateRow(Req req, String kind) {
        CatsAccount acc = acc(req);
        long id = req.pathLong("id");
        Map<String, Object> c = acc.data.candidates.copy(id);
        if (c == null) throw new ApiException(404, "Not found.");
        Map<String, Object> row = row(c, kind, req.pathLong("rid"));
        Map<String, Object> b = Json.object(req.body);
        for (String f : kind.equals("emails") ? List.of("email") : List.of("number", "extension", "type"))
            if (b.containsKey(f)) row.put(f, b.get(f));
        if (kind.equals("emails") && Boolean.TRUE.equals(b.get("is_primary"))) {
            rows(c, kind).forEach(r -> r.put("is_primary", false));
            row.put("is_primary", true);
        }
        CatsShapes.refreshSummaries(c);
        acc.data.candidates.put(id, c);
        return Resp.empty(204);
    }

    static Resp deleteRow(Req req, String kind) {
        CatsAccount acc = acc(req);
        long id = req.pathLong("id");
        Map<String, Object> c = acc.data.candidates.copy(id);
        if (c == null) throw new ApiException(404, "Not found.");
        Map<String, Object> row = row(c, kind, req.pathLong("rid"));
        rows(c, kind).remove(row);
        if (kind.equals("emails")
                && Boolean.TRUE.equals(row.get("is_primary"))
                && !rows(c, kind).isEmpty()) rows(c, kind).get(0).put("is_primary", true);
        CatsShapes.refreshSummaries(c);
        acc.data.candidates.put(id, c);
        return Resp.empty(204);
    }

    // ---- custom fields ----

    static List<Map<String, Object>> customFields() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] row : CatsData.CUSTOM_FIELDS) out.add(CatsShapes.customField(row));
        return out;
    }

    static Map<String, Object> customField(long fid) {
        for (Object[] row : CatsData.CUSTOM_FIELDS) if (((Long) row[0]) == fid) return CatsShapes.customField(row);
        throw new ApiException(404, "Not found.");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cfValues(Map<String, Object> c) {
        List<Map<String, Object>> stored =
                (List<Map<String, Object>>) ((Map<String, Object>) c.get("_embedded")).get("custom_fields");
        List<Map<String, Object>> out = new ArrayList<>();
        long cid = ((Number) c.get("id")).longValue();
        for (Object[] def : CatsData.CUSTOM_FIELDS) {
            Object value = null;
            for (Map<String, Object> s : stored) if (def[0].equals(s.get("id"))) value = s.get("value");
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("id", def[0]);
            v.put("value", value);
            v.put("_links", Map.of("self", CatsData.link("/candidates/" + cid + "/custom_fields/" + def[0])));
            out.add(v);
        }
        return out;
    }

    static Map<String, Object> cfValue(Map<String, Object> c, long fid) {
        for (Map<String, Object> v : cfValues(c)) if (((Number) v.get("id")).longValue() == fid) return v;
        throw new ApiException(404, "Not found.");
    }

    @SuppressWarnings("unchecked")
    static Resp putCustomField(Req req) {
        CatsAccount acc = acc(req);
        long id = req.pathLong("id");
        long fid = req.pathLong("fid");
        Map<String, Object> def = customField(fid);
        Map<String, Object> c = acc.data.candidates.copy(id);
        if (c == null) throw new ApiException(404, "Not found.");
        Object value = Json.object(req.body).get("value");
        Map<String, Object> field = (Map<String, Object>) def.get("field");
        // a value outside a dropdown's options is rejected (§4.9 [LIVE])
        if ("dropdown".equals(field.get("type"))
                && value != null
                && !((List<Object>) field.get("selections")).contains(value))
            throw validation(List.of("value must be one of " + field.get("selections")));
        List<Map<String, Object>> stored =
                (List<Map<String, Object>>) ((Map<String, Object>) c.get("_embedded")).get("custom_fields");
        stored.removeIf(s -> ((Number) s.get("id")).longValue() == fid);
        stored.add(new LinkedHashMap<>(Map.of("id", fid, "value", value == null ? "" : value)));
        acc.data.candidates.put(id, c);
        return Resp.empty(204);
    }

    // ---- tags: POST replaces all, PUT attaches (§4.1) ----

    static List<Long> tagIds(CatsAccount acc, long cid) {
        List<Long> t = acc.data.tags.get(cid);
        if (t != null) return t;
        int idx = acc.data.candidates.indexOf(cid);
        return idx >= 0 && idx % 7 == 0 ? List.of((Long) CatsData.TAGS[idx % CatsData.TAGS.length][0]) : List.of();
    }

    static List<Map<String, Object>> tagsOf(Req req) {
        CatsAccount acc = acc(req);
        long id = ((Number) get(req).get("id")).longValue();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Long tid : tagIds(acc, id)) out.add(CatsMiscRoutes.tag(tid));
        return out;
    }

    @SuppressWarnings("unchecked")
    static Resp writeTags(Req req, boolean replace) {
        CatsAccount acc = acc(req);
        long id = ((Number) get(req).get("id")).longValue();
        Object tags = Json.object(req.body).get("tags");
        if (!(tags instanceof List)) throw validation(List.of("tags must be an array"));
        List<Long> now = replace ? new ArrayList<>() : new ArrayList<>(tagIds(acc, id));
        for (Object t : (List<Object>) tags) {
            if (!(t instanceof Map)) throw validation(List.of("tags[].id is required"));
            long tid = ((Number) ((Map<String, Object>) t).get("id")).longValue();
            CatsMiscRoutes.tag(tid); // 404 on unknown tag
            if (!now.contains(tid)) now.add(tid);
        }
        acc.data.tags.put(id, now);
        return Resp.empty(204);
    }

    static Resp deleteTag(Req req) {
        CatsAccount acc = acc(req);
        long id = ((Number) get(req).get("id")).longValue();
        List<Long> now = new ArrayList<>(tagIds(acc, id));
        if (!now.remove((Long) req.pathLong("tid"))) throw new ApiException(404, "Not found.");
        acc.data.tags.put(id, now);
        return Resp.empty(204);
    }

    // ---- helpers ----

    static ApiException validation(List<String> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "Validation failed.");
        body.put("errors", errors);
        return new ApiException(400, "Validation failed.", body);
    }

    static boolean blank(Object o) {
        return o == null || o.toString().isBlank();
    }

    static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    /** Accepts the documented array form and the old object form {"primary": "x@y"} (§4.1 [CODE]). */
    @SuppressWarnings("unchecked")
    static List<String> emailList(Object emails) {
        List<String> out = new ArrayList<>();
        if (emails instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m && m.get("email") != null)
                    out.add(m.get("email").toString());
                else if (o instanceof String s) out.add(s);
            }
        } else if (emails instanceof Map<?, ?> m) {
            for (Object v : m.values()) if (v != null && !v.toString().isBlank()) out.add(v.toString());
        }
        return out;
    }

    static boolean isPrimary(Object emails, int i) {
        return emails instanceof List<?> l
                && l.get(i) instanceof Map<?, ?> m
                && Boolean.TRUE.equals(m.get("is_primary"));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> phoneList(Object phones) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (phones instanceof List<?> l) {
            for (Object o : l)
                if (o instanceof Map<?, ?> m && m.get("number") != null) out.add((Map<String, Object>) m);
        } else if (phones instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v != null)
                    out.add(Map.of("number", v.toString(), "type", "cell".equals(k) ? "mobile" : k.toString()));
            });
        }
        return out;
    }

    private static final Pattern SEEDED_EMAIL = Pattern.compile("^[a-z]+\\.[a-z]+(\\d+)@");

    /** Duplicate = an existing candidate with one of the same email addresses (criteria [INF]). */
    static Map<String, Object> findDuplicate(EntityStore store, List<String> emails) {
        for (String e : emails) {
            String email = e.toLowerCase(Locale.ROOT);
            Matcher m = SEEDED_EMAIL.matcher(email);
            if (m.find()) {
                try {
                    int idx = Integer.parseInt(m.group(1));
                    if (idx < store.seededCount()) {
                        Map<String, Object> c = store.get(store.idOf(idx));
                        if (c != null && hasEmail(c, email)) return c;
                    }
                } catch (NumberFormatException ignored) {
                    // not a seeded address
                }
            }
        }
        if (emails.isEmpty()) return null;
        List<Map<String, Object>> hits = store.filter(i -> false, c -> {
            for (String e : emails) if (hasEmail(c, e.toLowerCase(Locale.ROOT))) return true;
            return false;
        });
        return hits.isEmpty() ? null : hits.get(0);
    }

    static boolean hasEmail(Map<String, Object> c, String email) {
        for (Map<String, Object> r : rows(c, "emails")) if (email.equalsIgnoreCase(str(r.get("email")))) return true;
        return false;
    }
}
