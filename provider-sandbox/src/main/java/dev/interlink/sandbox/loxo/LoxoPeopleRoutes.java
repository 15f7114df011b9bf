package dev.interlink.sandbox.loxo;

import dev.interlink.sandbox.common.ApiException;
import dev.interlink.sandbox.common.Documents;
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
import java.util.Set;

/** /people, its emails/phones, resumes and documents (docs/providers/loxo.md §4.1, §4.2, §6.1). */
final class LoxoPeopleRoutes {
    private LoxoPeopleRoutes() {}

    static final Set<String> PEOPLE_PARAMS = Set.of(
            "scroll_id",
            "per_page",
            "query",
            "include_ids",
            "exclude_ids",
            "person_global_status_id",
            "active_job_stage_id",
            "active_workflow_stage_id",
            "person_type_id",
            "list_id",
            "created_at_sort",
            "updated_at_sort",
            "serialization_set",
            "fields",
            "include_related_agencies");

    static final List<String> SCALARS = List.of(
            "name",
            "description",
            "location",
            "address",
            "city",
            "state",
            "zip",
            "country",
            "linkedin_url",
            "website",
            "compensation",
            "compensation_notes",
            "compensation_currency_id",
            "salary",
            "salary_type_id",
            "owned_by_id",
            "blocked",
            "blocked_until",
            "person_global_status_id",
            "source_type_id");

    /** Rejected on writes (§6.1 [LIVE]). */
    static final List<String> REJECTED = List.of("email_addresses", "phone_numbers", "tag_list");

    static void register(Router r) {
        r.get("/people", LoxoPeopleRoutes::list)
                .post("/people", LoxoPeopleRoutes::create)
                .post("/people/update_by_email", LoxoPeopleRoutes::updateByEmail)
                .get("/people/{id}", req -> Resp.json(200, get(req)))
                .put("/people/{id}", LoxoPeopleRoutes::update)
                .get("/people/{id}/emails", req -> Resp.json(200, get(req).get("emails")))
                .post("/people/{id}/emails", req -> addContact(req, "emails", "person_email", "email_type_id"))
                .delete("/people/{id}/emails/{rid}", req -> deleteContact(req, "emails"))
                .get("/people/{id}/phones", req -> Resp.json(200, get(req).get("phones")))
                .post("/people/{id}/phones", req -> addContact(req, "phones", "person_phone", "phone_type_id"))
                .delete("/people/{id}/phones/{rid}", req -> deleteContact(req, "phones"))
                .get("/people/{id}/resumes", req -> Resp.json(200, get(req).get("resumes")))
                .post("/people/{id}/resumes", req -> upload(req, "resumes"))
                .get(
                        "/people/{id}/resumes/{fid}",
                        req -> Resp.json(200, fileRow(get(req), "resumes", req.pathLong("fid"))))
                .get("/people/{id}/resumes/{fid}/download", req -> download(req, "resumes"))
                .delete("/people/{id}/resumes/{fid}", req -> deleteFile(req, "resumes"))
                .get("/people/{id}/documents", req -> Resp.json(200, get(req).get("documents")))
                .post("/people/{id}/documents", req -> upload(req, "documents"))
                .get(
                        "/people/{id}/documents/{fid}",
                        req -> Resp.json(200, fileRow(get(req), "documents", req.pathLong("fid"))))
                .get("/people/{id}/documents/{fid}/download", req -> download(req, "documents"))
                .delete("/people/{id}/documents/{fid}", req -> deleteFile(req, "documents"));
    }

    static LoxoAccount acc(Req req) {
        return (LoxoAccount) req.account;
    }

    static Map<String, Object> get(Req req) {
        Map<String, Object> p = acc(req).data.people.get(req.pathLong("id"));
        if (p == null) throw new ApiException(404, "Not Found");
        return p;
    }

    static Resp list(Req req) {
        LoxoPaging.strict(req, PEOPLE_PARAMS);
        LoxoAccount acc = acc(req);
        EntityStore people = acc.data.people;
        long after = LoxoPaging.afterId(req);
        int per = LoxoPaging.perPage(req);
        String q = req.q("query");
        if (q == null || q.isBlank()) {
            byte[] body = acc.cached(
                    "people|" + after + "|" + per + "|" + people.version(),
                    () -> Json.bytes(LoxoPaging.scroll(
                            "people", people.pageAfter(after, per), people.total(), "created_at", true)));
            return Resp.json(200, body);
        }
        String[] tokens = q.toLowerCase(Locale.ROOT).replace("\"", "").trim().split("\\s+");
        List<Map<String, Object>> hits = people.filter(null, p -> matches(p, tokens));
        return Resp.json(
                200, LoxoPaging.scroll("people", LoxoPaging.after(hits, after, per), hits.size(), "created_at", true));
    }

    @SuppressWarnings("unchecked")
    static boolean matches(Map<String, Object> p, String[] tokens) {
        StringBuilder sb =
                new StringBuilder(String.valueOf(p.get("name"))).append(' ').append(p.get("current_title"));
        for (Map<String, Object> e : (List<Map<String, Object>>) p.get("emails"))
            sb.append(' ').append(e.get("value"));
        String hay = sb.toString().toLowerCase(Locale.ROOT);
        for (String t : tokens) if (!hay.contains(t)) return false;
        return true;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> personParams(Req req) {
        Map<String, Object> body = LoxoBodies.parse(req);
        Object p = body.get("person");
        Map<String, Object> params = p instanceof Map<?, ?> m ? (Map<String, Object>) m : body; // unwrapped JSON [INF]
        List<String> bad = new ArrayList<>();
        for (String k : REJECTED) if (params.containsKey(k)) bad.add(":" + k);
        if (!bad.isEmpty())
            throw new ApiException(
                    422,
                    "Invalid parameters",
                    Map.of("errors", List.of("Invalid parameters: [" + String.join(", ", bad) + "]")));
        return params;
    }

    static Resp create(Req req) {
        LoxoAccount acc = acc(req);
        Map<String, Object> params = personParams(req);
        // only person[name] is needed in practice (§4.1 [LIVE])
        if (blank(params.get("name")))
            throw new ApiException(
                    422, "Validation", Map.of("person", Map.of(), "errors", List.of("Name can't be blank")));
        long id = acc.data.people.reserveId();
        String now = LoxoData.ts(Instant.now());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        for (String k : List.of("name", "description", "location", "address", "city", "state", "zip", "country"))
            p.put(k, null);
        p.put("profile_picture_thumb_url", "/profile_pictures/thumb/missing.png");
        p.put("profile_picture_original_url", "/profile_pictures/original/missing.png");
        p.put("current_title", null);
        p.put("current_company", null);
        p.put("compensation", null);
        p.put("person_types", List.of(LoxoData.personType(0)));
        p.put("owned_by_id", null);
        p.put("agency_id", LoxoData.AGENCY_ID);
        p.put("created_at", now);
        p.put("updated_at", now);
        p.put("emails", new ArrayList<>());
        p.put("phones", new ArrayList<>());
        p.put("blocked", false);
        p.put("list_ids", List.of());
        p.put("candidates", new ArrayList<>());
        p.put("resumes", new ArrayList<>());
        p.put("documents", new ArrayList<>());
        p.put("linkedin_url", null);
        p.put("all_raw_tags", "");
        p.put("source_type", LoxoData.idName(38_518L, "API"));
        acc.data.people.putWithId(id, p); // stored first: person[candidates] below needs the person to exist
        apply(acc, p, params, true);
        LoxoMiscRoutes.fireWebhooks(acc, "person", "create", id);
        return Resp.json(acc.createStatus(), envelope(p));
    }

    static Map<String, Object> envelope(Map<String, Object> p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("person", p);
        out.put("errors", List.of());
        return out;
    }

    static Resp update(Req req) {
        LoxoAccount acc = acc(req);
        long id = req.pathLong("id");
        Map<String, Object> p = acc.data.people.copy(id);
        if (p == null) throw new ApiException(404, "Not Found");
        apply(acc, p, personParams(req), false);
        p.put("updated_at", LoxoData.ts(Instant.now()));
        acc.data.people.put(id, p);
        LoxoMiscRoutes.fireWebhooks(acc, "person", "update", id);
        return Resp.json(200, envelope(p));
    }

    /** Upsert by person[email] (§4.1 [DOC]). */
    static Resp updateByEmail(Req req) {
        LoxoAccount acc = acc(req);
        Map<String, Object> params = personParams(req);
        Object email = params.get("email");
        if (blank(email)) throw new ApiException(422, "Validation", Map.of("errors", List.of("Email can't be blank")));
        String e = email.toString().toLowerCase(Locale.ROOT);
        List<Map<String, Object>> hits = acc.data.people.filter(null, p -> hasEmail(p, e));
        if (hits.isEmpty()) return create(req);
        long id = ((Number) hits.get(0).get("id")).longValue();
        Map<String, Object> p = acc.data.people.copy(id);
        params.remove("email");
        apply(acc, p, params, false);
        p.put("updated_at", LoxoData.ts(Instant.now()));
        acc.data.people.put(id, p);
        return Resp.json(200, envelope(p));
    }

    @SuppressWarnings("unchecked")
    static boolean hasEmail(Map<String, Object> p, String email) {
        for (Map<String, Object> r : (List<Map<String, Object>>) p.get("emails"))
            if (email.equalsIgnoreCase(String.valueOf(r.get("value")))) return true;
        return false;
    }

    @SuppressWarnings("unchecked")
    static void apply(LoxoAccount acc, Map<String, Object> p, Map<String, Object> params, boolean create) {
        for (String k : SCALARS) if (params.containsKey(k)) p.put(k, params.get(k));
        // writes use title/company; reads show current_title/current_company (§6.1 [INF])
        if (params.containsKey("title")) p.put("current_title", params.get("title"));
        if (params.containsKey("company")) p.put("current_company", params.get("company"));
        for (Map.Entry<String, Object> e : params.entrySet())
            if (e.getKey().startsWith("custom_")) p.put(e.getKey(), e.getValue());
        List<Map<String, Object>> emails = (List<Map<String, Object>>) p.get("emails");
        if (!blank(params.get("email")))
            emails.add(LoxoData.emailRow(acc.nextId(), params.get("email").toString()));
        if (params.get("emails") instanceof List<?> l)
            for (Object o : l)
                if (o instanceof Map<?, ?> m && m.get("value") != null)
                    emails.add(LoxoData.emailRow(acc.nextId(), m.get("value").toString()));
        List<Map<String, Object>> phones = (List<Map<String, Object>>) p.get("phones");
        if (!blank(params.get("phone")))
            phones.add(LoxoData.phoneRow(acc.nextId(), params.get("phone").toString()));
        if (params.get("phones") instanceof List<?> l)
            for (Object o : l)
                if (o instanceof Map<?, ?> m && m.get("value") != null)
                    phones.add(LoxoData.phoneRow(acc.nextId(), m.get("value").toString()));
        if (params.get("person_type_id") != null) {
            long t = Long.parseLong(params.get("person_type_id").toString());
            p.put("person_types", List.of(LoxoData.personType(t == 2158L ? 1 : 0)));
        }
        // tags: all_raw_tags[] replaces, raw_tags[] appends; read back as a comma-joined string (§8.5)
        if (params.get("all_raw_tags") != null)
            p.put("all_raw_tags", joinTags(new ArrayList<>(), params.get("all_raw_tags")));
        if (!create && params.get("raw_tags") != null) {
            List<String> cur = new ArrayList<>();
            String s = String.valueOf(p.getOrDefault("all_raw_tags", ""));
            if (!s.isBlank()) for (String t : s.split(",")) cur.add(t.trim());
            p.put("all_raw_tags", joinTags(cur, params.get("raw_tags")));
        }
        String now = LoxoData.ts(Instant.now());
        for (String kind : List.of("resume", "document"))
            if (params.get(kind) instanceof LoxoBodies.FilePart f) {
                long fid = acc.nextId();
                acc.data.files.put(fid, f.bytes());
                ((List<Map<String, Object>>) p.computeIfAbsent(kind + "s", k -> new ArrayList<>()))
                        .add(LoxoData.fileRow(fid, f.filename(), Instant.now()));
            }
        // person[candidates][][job_id|activity_type_id]: onto a job, default stage "applied" (§5 [DOC])
        if (params.get("candidates") instanceof List<?> l)
            for (Object o : l)
                if (o instanceof Map<?, ?> m && m.get("job_id") != null) {
                    long jobId = Long.parseLong(m.get("job_id").toString());
                    long at = m.get("activity_type_id") == null
                            ? 1_550_057L
                            : Long.parseLong(m.get("activity_type_id").toString());
                    LoxoPipeline.progress(acc, ((Number) p.get("id")).longValue(), jobId, at, null, now);
                }
    }

    static String joinTags(List<String> cur, Object add) {
        List<Object> adds = add instanceof List<?> l ? new ArrayList<>(l) : java.util.Collections.singletonList(add);
        for (Object o : adds) {
            if (o != null && !o.toString().isBlank() && !cur.contains(o.toString())) cur.add(o.toString());
        }
        return String.join(", ", cur);
    }

    @SuppressWarnings("unchecked")
    static Resp addContact(Req req, String kind, String wrapper, String typeKey) {
        LoxoAccount acc = acc(req);
        long id = req.pathLong("id");
        Map<String, Object> p = acc.data.people.copy(id);
        if (p == null) throw new ApiException(404, "Not Found");
        Map<String, Object> body = LoxoBodies.parse(req);
        Map<String, Object> params = body.get(wrapper) instanceof Map<?, ?> m ? (Map<String, Object>) m : body;
        if (blank(params.get("value")))
            throw new ApiException(422, "Validation", Map.of("errors", List.of("Value can't be blank")));
        Map<String, Object> row = kind.equals("emails")
                ? LoxoData.emailRow(acc.nextId(), params.get("value").toString())
                : LoxoData.phoneRow(acc.nextId(), params.get("value").toString());
        if (params.get(typeKey) != null)
            row.put(typeKey, Long.parseLong(params.get(typeKey).toString()));
        ((List<Map<String, Object>>) p.get(kind)).add(row);
        acc.data.people.put(id, p);
        return Resp.json(200, row);
    }

    /** {@code DELETE /people/{person_id}/emails|phones/{id}} (§4.2 [DOC]); the answer body is undocumented ({}). */
    @SuppressWarnings("unchecked")
    static Resp deleteContact(Req req, String kind) {
        LoxoAccount acc = acc(req);
        long id = req.pathLong("id");
        Map<String, Object> p = acc.data.people.copy(id);
        if (p == null) throw new ApiException(404, "Not Found");
        long rid = req.pathLong("rid");
        if (!((List<Map<String, Object>>) p.get(kind)).removeIf(r -> ((Number) r.get("id")).longValue() == rid))
            throw new ApiException(404, "Not Found");
        p.put("updated_at", LoxoData.ts(Instant.now()));
        acc.data.people.put(id, p);
        LoxoMiscRoutes.fireWebhooks(acc, "person", "update", id);
        return Resp.json(200, Map.of());
    }

    /** Multipart, file field `document` (§4.2 [DOC][LIVE]); response shape [INF]: the created {id,name,...}. */
    @SuppressWarnings("unchecked")
    static Resp upload(Req req, String kind) {
        LoxoAccount acc = acc(req);
        long id = req.pathLong("id");
        Map<String, Object> p = acc.data.people.copy(id);
        if (p == null) throw new ApiException(404, "Not Found");
        Object doc = LoxoBodies.parse(req).get("document");
        if (!(doc instanceof LoxoBodies.FilePart f))
            throw new ApiException(422, "Validation", Map.of("errors", List.of("Document can't be blank")));
        long fid = acc.nextId();
        acc.data.files.put(fid, f.bytes());
        Map<String, Object> row = LoxoData.fileRow(fid, f.filename(), Instant.now());
        ((List<Map<String, Object>>) p.computeIfAbsent(kind, k -> new ArrayList<>())).add(row);
        p.put("updated_at", LoxoData.ts(Instant.now()));
        acc.data.people.put(id, p);
        return Resp.json(acc.createStatus(), row);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> fileRow(Map<String, Object> p, String kind, long fid) {
        for (Map<String, Object> r : (List<Map<String, Object>>) p.getOrDefault(kind, List.of()))
            if (((Number) r.get("id")).longValue() == fid) return r;
        throw new ApiException(404, "Not Found");
    }

    static Resp download(Req req, String kind) {
        LoxoAccount acc = acc(req);
        Map<String, Object> p = get(req);
        Map<String, Object> row = fileRow(p, kind, req.pathLong("fid"));
        String name = String.valueOf(row.get("name"));
        byte[] bytes = acc.data.files.get(((Number) row.get("id")).longValue());
        if (bytes == null) {
            String text = "Resume of " + p.get("name") + " - " + p.get("current_title");
            bytes = name.endsWith(".docx") ? Documents.docx(text) : Documents.pdf(text);
        }
        return Resp.bytes(200, Documents.contentTypeFor(name), bytes)
                .header("Content-Disposition", "attachment; filename=\"" + name.replace("\"", "") + "\"");
    }

    @SuppressWarnings("unchecked")
    static Resp deleteFile(Req req, String kind) {
        LoxoAccount acc = acc(req);
        long id = req.pathLong("id");
        Map<String, Object> p = acc.data.people.copy(id);
        if (p == null) throw new ApiException(404, "Not Found");
        Map<String, Object> row = fileRow(p, kind, req.pathLong("fid"));
        ((List<Map<String, Object>>) p.get(kind)).remove(row);
        acc.data.people.put(id, p);
        return Resp.json(200, Map.of());
    }

    static boolean blank(Object o) {
        return o == null || o.toString().isBlank();
    }
}
