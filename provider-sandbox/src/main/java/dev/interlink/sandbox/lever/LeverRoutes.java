package dev.interlink.sandbox.lever;

import static dev.interlink.sandbox.lever.LeverData.K_CONTACT;
import static dev.interlink.sandbox.lever.LeverData.K_OPP;
import static dev.interlink.sandbox.lever.LeverData.K_RESUME;

import dev.interlink.sandbox.common.ApiException;
import dev.interlink.sandbox.common.Documents;
import dev.interlink.sandbox.common.EntityStore;
import dev.interlink.sandbox.common.Json;
import dev.interlink.sandbox.common.Multipart;
import dev.interlink.sandbox.common.Req;
import dev.interlink.sandbox.common.Resp;
import dev.interlink.sandbox.common.Router;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The Lever Data API routes below {@code /v1} (docs/providers/lever.md "Endpoints" and "Objects"): opportunities
 * (list with filters and expand, get, create with perform_as, stage, archived), their applications, files,
 * resumes and notes, contacts, postings, stages, archive reasons, users and webhooks.
 */
final class LeverRoutes {
    static final long MAX_FILE = 30L * 1024 * 1024;
    static final Set<String> FILE_EXTS = Set.of("docx", "doc", "js", "jpg", "png", "pdf", "txt");

    private LeverRoutes() {}

    /** Registers a route together with the scope it needs. */
    record Registrar(Router router, Map<String, String> scopes) {
        Registrar add(String method, String template, String scope, Router.Handler h) {
            router.add(method, template, h);
            scopes.put(method + " " + template, scope);
            return this;
        }
    }

    static void register(Registrar r, LeverProvider provider) {
        String oppR = "opportunities:read:admin", oppW = "opportunities:write:admin";
        r.add("GET", "/opportunities", oppR, LeverRoutes::listOpportunities)
                .add("POST", "/opportunities", oppW, req -> createOpportunity(req, provider))
                .add("GET", "/opportunities/{id}", oppR, req -> Resp.json(200, wrap(present(req, opportunity(req)))))
                .add("PUT", "/opportunities/{id}/stage", oppW, req -> {
                    Map<String, Object> b = Json.object(req.body);
                    Map<String, Object> o = moveStage(
                            provider, acc(req), req.params.get("id"), str(b.get("stage")), req.q("perform_as"));
                    return Resp.json(200, wrap(present(req, o)));
                })
                .add("PUT", "/opportunities/{id}/archived", oppW, req -> {
                    Map<String, Object> b = Json.object(req.body);
                    if (!b.containsKey("reason")) throw new ApiException(400, "reason is required (null unarchives)");
                    Map<String, Object> o = archive(
                            provider, acc(req), req.params.get("id"), str(b.get("reason")), req.q("perform_as"));
                    return Resp.json(200, wrap(present(req, o)));
                })
                .add("POST", "/opportunities/{id}/addTags", oppW, req -> tags(req, true))
                .add("POST", "/opportunities/{id}/removeTags", oppW, req -> tags(req, false))
                .add("POST", "/opportunities/{id}/addLinks", oppW, req -> links(req, true))
                .add("POST", "/opportunities/{id}/removeLinks", oppW, req -> links(req, false))
                .add("GET", "/opportunities/{id}/applications", "applications:read:admin", req -> {
                    Map<String, Object> o = opportunity(req);
                    List<Map<String, Object>> apps =
                            application(acc(req), o) == null ? List.of() : List.of(application(acc(req), o));
                    return Resp.json(200, LeverPaging.page(req, acc(req), apps, x -> x));
                })
                .add("GET", "/opportunities/{id}/applications/{appId}", "applications:read:admin", req -> {
                    Map<String, Object> a = application(acc(req), opportunity(req));
                    if (a == null || !a.get("id").equals(req.params.get("appId")))
                        throw new ApiException(404, "applications " + req.params.get("appId") + " was not found");
                    return Resp.json(200, wrap(a));
                })
                .add("GET", "/opportunities/{id}/files", "files:read:admin", LeverRoutes::listFiles)
                .add("POST", "/opportunities/{id}/files", "files:write:admin", LeverRoutes::uploadFile)
                .add(
                        "GET",
                        "/opportunities/{id}/files/{fileId}",
                        "files:read:admin",
                        req -> Resp.json(200, wrap(file(req))))
                .add(
                        "GET",
                        "/opportunities/{id}/files/{fileId}/download",
                        "files:read:admin",
                        LeverRoutes::downloadFile)
                .add("DELETE", "/opportunities/{id}/files/{fileId}", "files:write:admin", req -> {
                    performAs(req);
                    Map<String, Object> f = file(req);
                    acc(req).files.get(req.params.get("id")).remove(f);
                    acc(req).fileBytes.remove((String) f.get("id"));
                    return Resp.empty(204);
                })
                .add(
                        "GET",
                        "/opportunities/{id}/resumes",
                        "resumes:read:admin",
                        req -> Resp.json(
                                200,
                                LeverPaging.page(
                                        req, acc(req), resumes(acc(req), opportunity(req)), LeverRoutes::publicView)))
                .add(
                        "GET",
                        "/opportunities/{id}/resumes/{resumeId}",
                        "resumes:read:admin",
                        req -> Resp.json(200, wrap(publicView(resume(req)))))
                .add(
                        "GET",
                        "/opportunities/{id}/resumes/{resumeId}/download",
                        "resumes:read:admin",
                        LeverRoutes::downloadResume)
                .add("GET", "/opportunities/{id}/notes", "notes:read:admin", req -> {
                    opportunity(req);
                    return Resp.json(200, LeverPaging.page(req, acc(req), notes(req), x -> x));
                })
                .add("POST", "/opportunities/{id}/notes", "notes:write:admin", LeverRoutes::createNote)
                .add(
                        "GET",
                        "/opportunities/{id}/notes/{noteId}",
                        "notes:read:admin",
                        req -> Resp.json(200, wrap(note(req))))
                .add("DELETE", "/opportunities/{id}/notes/{noteId}", "notes:write:admin", req -> {
                    Map<String, Object> n = note(req);
                    notes(req).remove(n);
                    return Resp.empty(204);
                })
                .add(
                        "GET",
                        "/contacts/{id}",
                        "contact:read:admin",
                        req -> Resp.json(200, wrap(contact(acc(req), req.params.get("id")))))
                .add("PUT", "/contacts/{id}", "contact:write:admin", LeverRoutes::updateContact)
                .add("GET", "/postings", "postings:read:admin", LeverRoutes::listPostings)
                .add("GET", "/postings/{id}", "postings:read:admin", req -> {
                    Map<String, Object> p = acc(req).data.posting(req.params.get("id"));
                    if (p == null) throw notFound("postings", req.params.get("id"));
                    return Resp.json(200, wrap(p));
                })
                .add(
                        "GET",
                        "/stages",
                        "stages:read:admin",
                        req -> Resp.json(200, LeverPaging.page(req, acc(req), acc(req).data.stages, x -> x)))
                .add("GET", "/stages/{id}", "stages:read:admin", req -> {
                    LeverData d = acc(req).data;
                    int i = d.stageIndex(req.params.get("id"));
                    if (i < 0) throw notFound("stages", req.params.get("id"));
                    return Resp.json(200, wrap(d.stages.get(i)));
                })
                .add("GET", "/archive_reasons", "archive_reasons:read:admin", req -> {
                    String type = req.q("type");
                    List<Map<String, Object>> all = acc(req).data.archiveReasons.stream()
                            .filter(m -> type == null || type.equals(m.get("type")))
                            .toList();
                    return Resp.json(200, LeverPaging.page(req, acc(req), all, x -> x));
                })
                .add("GET", "/archive_reasons/{id}", "archive_reasons:read:admin", req -> {
                    Map<String, Object> m = acc(req).data.reason(req.params.get("id"));
                    if (m == null) throw notFound("archive_reasons", req.params.get("id"));
                    return Resp.json(200, wrap(m));
                })
                .add("GET", "/users", "users:read:admin", LeverRoutes::listUsers)
                .add("GET", "/users/{id}", "users:read:admin", req -> {
                    Map<String, Object> u = acc(req).data.user(req.params.get("id"));
                    if (u == null) throw notFound("users", req.params.get("id"));
                    return Resp.json(200, wrap(u));
                })
                .add("GET", "/webhooks", "webhooks:read:admin", req -> {
                    List<Map<String, Object>> all =
                            new ArrayList<>(acc(req).webhooks.values());
                    all.sort((a, b) -> Long.compare((Long) a.get("createdAt"), (Long) b.get("createdAt")));
                    return Resp.json(200, LeverPaging.page(req, acc(req), all, LeverWebhooks::listed));
                })
                .add(
                        "POST",
                        "/webhooks",
                        "webhooks:write:admin",
                        req -> Resp.json(201, wrap(LeverWebhooks.create(acc(req), Json.object(req.body)))))
                .add("DELETE", "/webhooks/{id}", "webhooks:write:admin", req -> {
                    if (acc(req).webhooks.remove(req.params.get("id")) == null)
                        throw notFound("webhooks", req.params.get("id"));
                    return Resp.empty(204);
                });
    }

    static LeverAccount acc(Req req) {
        return ((LeverProvider.Call) req.account).acc();
    }

    static Map<String, Object> wrap(Object data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        return m;
    }

    static ApiException notFound(String kind, String id) {
        return new ApiException(404, kind + " " + id + " was not found");
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }

    static String performAs(Req req) {
        String u = req.q("perform_as");
        if (u == null || u.isBlank()) throw new ApiException(400, "perform_as is required");
        if (acc(req).data.user(u) == null) throw new ApiException(400, "perform_as user " + u + " was not found");
        return u;
    }

    // ---- opportunities ----

    static Map<String, Object> opportunity(LeverAccount acc, String id) {
        long n = acc.data.number(K_OPP, id);
        Map<String, Object> o = n < 0 ? null : acc.data.opportunities.get(n);
        if (o == null) throw notFound("opportunities", id);
        return o;
    }

    static Map<String, Object> opportunity(Req req) {
        return opportunity(acc(req), req.params.get("id"));
    }

    /** The record as served: internal keys dropped, {@code expand=} applied. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> present(Req req, Map<String, Object> o) {
        LeverAccount acc = acc(req);
        Map<String, Object> m = publicView(o);
        List<String> expand = new ArrayList<>();
        for (String e : req.query.getOrDefault("expand", List.of())) expand.addAll(List.of(e.split(",")));
        for (String e : expand) {
            switch (e.trim()) {
                case "applications" -> {
                    Map<String, Object> a = application(acc, o);
                    m.put("applications", a == null ? List.of() : List.of(a));
                }
                case "stage" -> {
                    int i = acc.data.stageIndex((String) o.get("stage"));
                    m.put("stage", i < 0 ? o.get("stage") : acc.data.stages.get(i));
                }
                case "contact" -> m.put("contact", contact(acc, (String) o.get("contact")));
                case "owner", "sourcedBy" -> {
                    Object u = o.get(e.trim());
                    m.put(e.trim(), u == null ? null : acc.data.user((String) u));
                }
                case "followers" -> m.put(
                        "followers",
                        ((List<Object>) o.get("followers"))
                                .stream().map(f -> acc.data.user((String) f)).toList());
                default -> {
                    // unknown expansions are ignored
                }
            }
        }
        return m;
    }

    static Map<String, Object> publicView(Map<String, Object> o) {
        Map<String, Object> m = new LinkedHashMap<>();
        o.forEach((k, v) -> {
            if (!k.startsWith("_")) m.put(k, v);
        });
        return m;
    }

    @SuppressWarnings("unchecked")
    static Resp listOpportunities(Req req) {
        LeverAccount acc = acc(req);
        EntityStore store = acc.data.opportunities;
        Predicate<Map<String, Object>> pred = opportunityFilter(req);
        return Resp.json(
                200,
                LeverPaging.scan(
                        req,
                        acc,
                        after -> {
                            long n = after == null ? 0 : acc.data.number(K_OPP, after);
                            if (n < 0) throw LeverPaging.bad("Invalid offset token: Offset token is invalid");
                            return store.pageAfter(n, 200);
                        },
                        pred,
                        o -> present(req, o)));
    }

    @SuppressWarnings("unchecked")
    static Predicate<Map<String, Object>> opportunityFilter(Req req) {
        List<Predicate<Map<String, Object>>> ps = new ArrayList<>();
        anyOf(req, "stage_id", ps, (o, v) -> v.equals(o.get("stage")));
        anyOf(req, "posting_id", ps, (o, v) -> v.equals(o.get("_posting")));
        anyOf(req, "contact_id", ps, (o, v) -> v.equals(o.get("contact")));
        anyOf(req, "origin", ps, (o, v) -> v.equals(o.get("origin")));
        anyOf(req, "tag", ps, (o, v) -> ((List<Object>) o.get("tags")).contains(v));
        anyOf(req, "source", ps, (o, v) -> ((List<Object>) o.get("sources")).contains(v));
        anyOf(req, "email", ps, (o, v) -> ((List<Object>) o.get("emails"))
                .stream().anyMatch(e -> e.toString().equalsIgnoreCase(v)));
        anyOf(
                req,
                "archive_reason_id",
                ps,
                (o, v) -> o.get("archived") instanceof Map<?, ?> a && v.equals(a.get("reason")));
        String archived = req.q("archived");
        if (archived != null) {
            boolean want = Boolean.parseBoolean(archived);
            ps.add(o -> (o.get("archived") != null) == want);
        }
        window(req, "created_at", ps, o -> (Long) o.get("createdAt"));
        window(req, "updated_at", ps, o -> (Long) o.get("updatedAt"));
        window(req, "advanced_at", ps, o -> (Long) o.get("lastAdvancedAt"));
        window(
                req,
                "archived_at",
                ps,
                o -> o.get("archived") instanceof Map<?, ?> a ? (Long) a.get("archivedAt") : null);
        return o -> {
            for (Predicate<Map<String, Object>> p : ps) if (!p.test(o)) return false;
            return true;
        };
    }

    interface Match {
        boolean test(Map<String, Object> o, String value);
    }

    /** A repeatable filter: the results are the union over its values. */
    static void anyOf(Req req, String name, List<Predicate<Map<String, Object>>> ps, Match m) {
        List<String> vs = req.query.get(name);
        if (vs == null || vs.isEmpty()) return;
        ps.add(o -> {
            for (String v : vs) if (m.test(o, v)) return true;
            return false;
        });
    }

    /** {@code <name>_start} / {@code <name>_end}, epoch ms, inclusive. */
    static void window(
            Req req,
            String name,
            List<Predicate<Map<String, Object>>> ps,
            java.util.function.Function<Map<String, Object>, Long> field) {
        Long start = epoch(req, name + "_start"), end = epoch(req, name + "_end");
        if (start == null && end == null) return;
        ps.add(o -> {
            Long v = field.apply(o);
            return v != null && (start == null || v >= start) && (end == null || v <= end);
        });
    }

    static Long epoch(Req req, String name) {
        String v = req.q(name);
        if (v == null || v.isBlank()) return null;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(400, name + " must be a timestamp in milliseconds since the epoch");
        }
    }

    /** The (single) application of an opportunity, or null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> application(LeverAccount acc, Map<String, Object> o) {
        List<Object> apps = (List<Object>) o.get("applications");
        if (apps == null || apps.isEmpty()) return null;
        Map<String, Object> posting = o.get("_posting") == null ? null : acc.data.posting((String) o.get("_posting"));
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", apps.get(0));
        a.put("opportunityId", o.get("id"));
        a.put("candidateId", o.get("contact"));
        a.put("createdAt", o.get("createdAt"));
        a.put("type", posting == null ? "user" : "posting");
        a.put("posting", posting == null ? null : posting.get("id"));
        a.put("postingOwner", posting == null ? null : posting.get("owner"));
        a.put("postingHiringManager", posting == null ? null : posting.get("hiringManager"));
        a.put("user", posting == null ? o.get("owner") : null);
        a.put("name", o.get("name"));
        List<Object> emails = (List<Object>) o.get("emails");
        a.put("email", emails.isEmpty() ? null : emails.get(0));
        List<Object> phones = (List<Object>) o.get("phones");
        a.put("phone", phones.isEmpty() ? null : phones.get(0));
        a.put("company", o.get("headline"));
        a.put("links", o.get("links"));
        a.put("comments", null);
        a.put("customQuestions", List.of());
        a.put("archived", o.get("archived"));
        a.put("requisitionForHire", null);
        return a;
    }

    static Map<String, Object> contact(LeverAccount acc, String id) {
        Map<String, Object> updated = acc.contacts.get(id == null ? "" : id);
        if (updated != null) return updated; // created, or a seeded contact changed by PUT
        long n = acc.data.number(K_CONTACT, id);
        if (n >= 1 && n <= acc.data.size) return acc.data.seededContact(n);
        throw notFound("contacts", id);
    }

    /**
     * PUT /contacts/:id {name, headline, location (a string), emails, phones}: replaces those fields of the contact,
     * and Lever mirrors them on every opportunity of the contact (docs/providers/lever.md §5).
     */
    static Resp updateContact(Req req) {
        LeverAccount acc = acc(req);
        String id = req.params.get("id");
        Map<String, Object> c = EntityStore.deepCopy(contact(acc, id));
        Map<String, Object> b = Json.object(req.body);
        Map<String, Object> mirrored = new LinkedHashMap<>();
        for (String k : List.of("name", "headline", "emails", "phones")) {
            if (b.containsKey(k)) mirrored.put(k, b.get(k));
        }
        c.putAll(mirrored);
        if (b.containsKey("location")) {
            String location = str(b.get("location"));
            c.put("location", location == null ? null : Map.of("name", location));
            mirrored.put("location", location);
        }
        acc.contacts.put(id, c);
        for (Map<String, Object> o : acc.data.opportunities.filter(i -> true, o -> id.equals(o.get("contact")))) {
            Map<String, Object> copy = EntityStore.deepCopy(o);
            copy.putAll(mirrored);
            copy.put("updatedAt", acc.now());
            acc.data.opportunities.put(acc.data.number(K_OPP, (String) o.get("id")), copy);
        }
        return Resp.json(200, wrap(c));
    }

    /** {@code POST /opportunities/:id/addTags|removeTags {"tags": [...]}}: this opportunity's tags (§5 [LIVE] S5). */
    @SuppressWarnings("unchecked")
    static Resp tags(Req req, boolean add) {
        LeverAccount acc = acc(req);
        Map<String, Object> o = EntityStore.deepCopy(opportunity(req));
        Object given = Json.object(req.body).get("tags");
        if (!(given instanceof List<?> l)) throw new ApiException(400, "tags must be an array");
        List<Object> now = new ArrayList<>(list(o.get("tags")));
        for (Object t : l) {
            if (add && !now.contains(t)) now.add(t);
            if (!add) now.remove(t);
        }
        o.put("tags", now);
        o.put("updatedAt", acc.now());
        acc.data.opportunities.put(acc.data.number(K_OPP, (String) o.get("id")), o);
        return Resp.json(200, wrap(present(req, o)));
    }

    /**
     * {@code POST /opportunities/:id/addLinks|removeLinks {"links": [...]}}: links belong to the contact, so every
     * opportunity of the contact shows the change (§5 [LIVE] S5).
     */
    static Resp links(Req req, boolean add) {
        LeverAccount acc = acc(req);
        Map<String, Object> target = opportunity(req);
        Object given = Json.object(req.body).get("links");
        if (!(given instanceof List<?> l)) throw new ApiException(400, "links must be an array");
        List<Object> now = new ArrayList<>(list(target.get("links")));
        for (Object link : l) {
            if (add && !now.contains(link)) now.add(link);
            if (!add) now.remove(link);
        }
        Object contact = target.get("contact");
        Map<String, Object> answer = null;
        for (Map<String, Object> o :
                acc.data.opportunities.filter(i -> true, x -> java.util.Objects.equals(contact, x.get("contact")))) {
            Map<String, Object> copy = EntityStore.deepCopy(o);
            copy.put("links", new ArrayList<>(now));
            copy.put("updatedAt", acc.now());
            acc.data.opportunities.put(acc.data.number(K_OPP, (String) o.get("id")), copy);
            if (o.get("id").equals(target.get("id"))) answer = copy;
        }
        return Resp.json(200, wrap(present(req, answer == null ? target : answer)));
    }

    /** POST /opportunities?perform_as= (JSON or multipart with resumeFile / files). */
    @SuppressWarnings("unchecked")
    static Resp createOpportunity(Req req, LeverProvider provider) {
        LeverAccount acc = acc(req);
        String performAs = performAs(req);
        Map<String, Object> b = new LinkedHashMap<>();
        List<Multipart.Part> uploads = new ArrayList<>();
        if (req.contentType.startsWith("multipart/")) {
            for (Multipart.Part p : Multipart.parse(req.rawContentType, req.body)) {
                if (p.isFile()) {
                    uploads.add(p);
                    continue;
                }
                String k = p.name();
                if (k.endsWith("[]"))
                    ((List<Object>) b.computeIfAbsent(k.substring(0, k.length() - 2), x -> new ArrayList<>()))
                            .add(p.text());
                else b.put(k, p.text());
            }
        } else {
            b = Json.object(req.body);
        }
        LeverData d = acc.data;
        List<Object> postings = list(b.get("postings"));
        if (postings.size() > 1)
            throw new ApiException(
                    400, "An opportunity can be applied to at most one posting; send one request per posting");
        String postingId = postings.isEmpty() ? null : postings.get(0).toString();
        if (postingId != null && d.posting(postingId) == null)
            throw new ApiException(400, "postings " + postingId + " was not found");
        String stage = b.get("stage") == null ? "lead-new" : b.get("stage").toString();
        int stageIdx = d.stageIndex(stage);
        if (stageIdx < 0) throw new ApiException(400, "stages " + stage + " was not found");
        String origin = b.get("origin") == null ? "sourced" : b.get("origin").toString();
        if (!List.of("agency", "applied", "internal", "referred", "sourced", "university")
                .contains(origin))
            throw new ApiException(
                    400, "origin must be one of agency, applied, internal, referred, sourced, university");
        long now = acc.now();
        long createdAt = now;
        if (b.get("createdAt") != null) {
            createdAt = ((Number) number(b.get("createdAt"), "createdAt")).longValue();
            if (createdAt > now) throw new ApiException(400, "createdAt cannot be in the future");
        }
        Map<String, Object> archived = null;
        if (b.get("archived") instanceof Map<?, ?> arch) {
            Object reason = arch.get("reason");
            if (reason == null || d.reason(reason.toString()) == null)
                throw new ApiException(400, "archived.reason must be an archive reason id");
            archived = new LinkedHashMap<>();
            archived.put("reason", reason.toString());
            archived.put(
                    "archivedAt", arch.get("archivedAt") == null ? now : number(arch.get("archivedAt"), "archivedAt"));
        }
        List<Object> emails = new ArrayList<>(list(b.get("emails")));
        List<Object> phones = new ArrayList<>();
        for (Object ph : list(b.get("phones"))) {
            if (ph instanceof Map<?, ?> pm) phones.add(new LinkedHashMap<>((Map<String, Object>) pm));
            else phones.add(new LinkedHashMap<>(Map.of("value", ph.toString())));
        }
        List<Object> links = new ArrayList<>(list(b.get("links")));
        String name = str(b.get("name"));
        String headline = str(b.get("headline"));
        String location = str(b.get("location"));

        // dedupe: an explicit contact wins; else the first email that matches an existing contact
        boolean deduped = false;
        String contactId = null;
        if (b.get("contact") != null) {
            contactId = b.get("contact").toString();
            contact(acc, contactId); // 404 when unknown
        } else {
            for (Object e : emails) {
                contactId = existingContact(acc, e.toString());
                if (contactId != null) {
                    deduped = true;
                    break;
                }
            }
        }
        boolean newContact = contactId == null;
        if (newContact) {
            contactId = UUID.randomUUID().toString();
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", contactId);
            c.put("name", name == null ? "" : name);
            c.put("headline", headline == null ? "" : headline);
            c.put("isAnonymized", false);
            c.put("location", location == null ? null : Map.of("name", location));
            c.put("emails", emails);
            c.put("phones", phones);
            acc.contacts.put(contactId, c);
            for (Object e : emails) acc.contactByEmail.putIfAbsent(e.toString().toLowerCase(Locale.ROOT), contactId);
        } else {
            // the existing contact's data wins
            Map<String, Object> c = contact(acc, contactId);
            name = str(c.get("name"));
            headline = str(c.get("headline"));
            if (c.get("location") instanceof Map<?, ?> l) location = str(l.get("name"));
            List<Object> merged = new ArrayList<>((List<Object>) c.get("emails"));
            for (Object e : emails) if (!merged.contains(e)) merged.add(e);
            emails = merged;
            List<Object> mergedPhones = new ArrayList<>((List<Object>) c.get("phones"));
            mergedPhones.addAll(phones);
            phones = mergedPhones;
        }
        long n = d.opportunities.reserveId();
        String id = d.uuid(K_OPP, n);
        String owner = b.get("owner") == null ? performAs : b.get("owner").toString();
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("toStageId", stage);
        change.put("toStageIndex", stageIdx);
        change.put("updatedAt", createdAt);
        change.put("userId", performAs);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", id);
        o.put("name", name == null ? "" : name);
        o.put("contact", contactId);
        o.put("headline", headline == null ? "" : headline);
        o.put("stage", stage);
        o.put("confidentiality", "non-confidential");
        o.put("location", location == null ? "" : location);
        o.put("phones", phones);
        o.put("emails", emails);
        o.put("links", links);
        o.put("archived", archived);
        o.put("tags", new ArrayList<>(list(b.get("tags"))));
        o.put("sources", new ArrayList<>(list(b.get("sources"))));
        o.put("stageChanges", new ArrayList<>(List.of(change)));
        o.put("origin", origin);
        o.put("sourcedBy", origin.equals("sourced") ? performAs : null);
        o.put("owner", owner);
        List<Object> followers = new ArrayList<>(list(b.get("followers")));
        if (!followers.contains(performAs)) followers.add(0, performAs);
        o.put("followers", followers);
        o.put(
                "applications",
                postingId == null
                        ? new ArrayList<>()
                        : new ArrayList<>(List.of(UUID.randomUUID().toString())));
        o.put("createdAt", createdAt);
        o.put("updatedAt", now);
        o.put("lastInteractionAt", now);
        o.put("lastAdvancedAt", createdAt);
        o.put("snoozedUntil", null);
        o.put("urls", LeverData.urls(id));
        o.put("isAnonymized", false);
        o.put("dataProtection", null);
        o.put("opportunityLocation", str(b.get("opportunityLocation")));
        o.put("_posting", postingId);
        d.opportunities.putWithId(n, o);
        for (Multipart.Part p : uploads) {
            if (p.name().equals("resumeFile")) addResume(acc, id, p, now);
            else if (p.name().equals("files") || p.name().equals("files[]")) addFile(acc, id, p, now);
        }
        if (newContact)
            LeverWebhooks.emit(
                    provider,
                    acc,
                    "contactCreated",
                    ids(Map.of("contactId", contactId, "accountId", d.leverAccountId)),
                    origin);
        if (postingId != null) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("applicationId", ((List<Object>) o.get("applications")).get(0));
            data.put("opportunityId", id);
            data.put("candidateId", contactId);
            data.put("contactId", contactId);
            data.put("postingId", postingId);
            LeverWebhooks.emit(provider, acc, "applicationCreated", data, origin);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deduped", deduped);
        out.put("data", present(req, o));
        return Resp.json(201, out);
    }

    private static Map<String, Object> ids(Map<String, Object> m) {
        return new LinkedHashMap<>(m);
    }

    static String existingContact(LeverAccount acc, String email) {
        long n = acc.data.seededByEmail(email);
        if (n > 0) return acc.data.uuid(K_CONTACT, n);
        return acc.contactByEmail.get(email.trim().toLowerCase(Locale.ROOT));
    }

    static List<Object> list(Object v) {
        if (v == null) return List.of();
        if (v instanceof List<?> l) return new ArrayList<>(l);
        return List.of(v);
    }

    static Object number(Object v, String name) {
        if (v instanceof Number n) return n.longValue();
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new ApiException(400, name + " must be a timestamp in milliseconds");
        }
    }

    /** PUT /opportunities/{id}/stage (also the control API's recruiter move): appends to stageChanges. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> moveStage(
            LeverProvider provider, LeverAccount acc, String id, String stage, String performAs) {
        if (stage == null || stage.isBlank()) throw new ApiException(400, "stage is required");
        int idx = acc.data.stageIndex(stage);
        if (idx < 0) throw new ApiException(400, "stages " + stage + " was not found");
        if (performAs != null && acc.data.user(performAs) == null)
            throw new ApiException(400, "perform_as user " + performAs + " was not found");
        Map<String, Object> o = EntityStore.deepCopy(opportunity(acc, id));
        String from = (String) o.get("stage");
        long now = acc.now();
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("toStageId", stage);
        change.put("toStageIndex", idx);
        change.put("updatedAt", now);
        change.put("userId", performAs);
        ((List<Object>) o.get("stageChanges")).add(change);
        o.put("stage", stage);
        o.put("lastAdvancedAt", now);
        o.put("lastInteractionAt", now);
        o.put("updatedAt", now);
        acc.data.opportunities.put(acc.data.number(K_OPP, id), o);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("opportunityId", id);
        data.put("candidateId", o.get("contact"));
        data.put("contactId", o.get("contact"));
        data.put("toStageId", stage);
        data.put("fromStageId", from);
        LeverWebhooks.emit(provider, acc, "candidateStageChange", data, (String) o.get("origin"));
        return o;
    }

    /** PUT /opportunities/{id}/archived: a reason archives (a hired-type reason hires), null unarchives. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> archive(
            LeverProvider provider, LeverAccount acc, String id, String reason, String performAs) {
        Map<String, Object> r = null;
        if (reason != null) {
            r = acc.data.reason(reason);
            if (r == null) throw new ApiException(400, "archive_reasons " + reason + " was not found");
        }
        Map<String, Object> o = EntityStore.deepCopy(opportunity(acc, id));
        Object from = o.get("archived");
        long now = acc.now();
        Map<String, Object> to = null;
        if (r != null) {
            to = new LinkedHashMap<>();
            to.put("reason", reason);
            to.put("archivedAt", now);
        }
        o.put("archived", to);
        o.put("updatedAt", now);
        o.put("lastInteractionAt", now);
        // the history of archive moves (not a Lever field: internal, shown by the control API)
        List<Object> history = (List<Object>) o.computeIfAbsent("_archiveChanges", k -> new ArrayList<>());
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("fromArchived", from);
        h.put("toArchived", to);
        h.put("updatedAt", now);
        h.put("userId", performAs);
        history.add(h);
        acc.data.opportunities.put(acc.data.number(K_OPP, id), o);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("opportunityId", id);
        data.put("candidateId", o.get("contact"));
        data.put("contactId", o.get("contact"));
        data.put("fromArchived", from);
        data.put("toArchived", to);
        String origin = (String) o.get("origin");
        LeverWebhooks.emit(provider, acc, "candidateArchiveChange", data, origin);
        if (r != null && "hired".equals(r.get("type"))) {
            Map<String, Object> hired = new LinkedHashMap<>();
            hired.put("opportunityId", id);
            hired.put("candidateId", o.get("contact"));
            hired.put("contactId", o.get("contact"));
            LeverWebhooks.emit(provider, acc, "candidateHired", hired, origin);
        }
        return o;
    }

    // ---- files ----

    static List<Map<String, Object>> files(Req req) {
        opportunity(req);
        return acc(req).files.computeIfAbsent(req.params.get("id"), k -> new CopyOnWriteArrayList<>());
    }

    static Resp listFiles(Req req) {
        List<Predicate<Map<String, Object>>> ps = new ArrayList<>();
        window(req, "uploaded_at", ps, f -> (Long) f.get("uploadedAt"));
        List<Map<String, Object>> all = files(req).stream()
                .filter(f -> ps.stream().allMatch(p -> p.test(f)))
                .toList();
        return Resp.json(200, LeverPaging.page(req, acc(req), all, x -> x));
    }

    static Map<String, Object> file(Req req) {
        for (Map<String, Object> f : files(req)) if (f.get("id").equals(req.params.get("fileId"))) return f;
        throw notFound("files", req.params.get("fileId"));
    }

    static Resp uploadFile(Req req) {
        performAs(req);
        opportunity(req);
        if (!req.contentType.startsWith("multipart/"))
            throw new ApiException(400, "Upload the file as multipart/form-data, field \"file\"");
        Multipart.Part file = null;
        for (Multipart.Part p : Multipart.parse(req.rawContentType, req.body))
            if (p.isFile() && p.name().equals("file")) file = p;
        if (file == null) throw new ApiException(400, "multipart field \"file\" is required");
        if (file.bytes().length > MAX_FILE) throw new ApiException(413, "File exceeds the 30 MB limit");
        return Resp.json(201, wrap(addFile(acc(req), req.params.get("id"), file, acc(req).now())));
    }

    static Map<String, Object> addFile(LeverAccount acc, String oppId, Multipart.Part p, long now) {
        String fid = UUID.randomUUID().toString();
        String ext = ext(p.filename());
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", fid);
        f.put("downloadUrl", LeverData.HIRE + "/candidates/" + oppId + "/files/" + fid + "/download");
        f.put("ext", ext.isEmpty() ? "" : "." + ext);
        f.put("name", p.filename());
        f.put("uploadedAt", now);
        f.put("status", FILE_EXTS.contains(ext) ? "processed" : "unsupported");
        f.put("size", p.bytes().length);
        acc.files.computeIfAbsent(oppId, k -> new CopyOnWriteArrayList<>()).add(f);
        acc.fileBytes.put(fid, p.bytes());
        return f;
    }

    static Resp downloadFile(Req req) {
        Map<String, Object> f = file(req);
        if (!"processed".equals(f.get("status"))) throw new ApiException(422, "The file could not be processed");
        return Resp.bytes(
                        200,
                        Documents.contentTypeFor((String) f.get("name")),
                        acc(req).fileBytes.get((String) f.get("id")))
                .header("Content-Disposition", "attachment; filename=\"" + f.get("name") + "\"");
    }

    static String ext(String filename) {
        int dot = filename == null ? -1 : filename.lastIndexOf('.');
        return dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    // ---- resumes ----

    /** The seeded resume (every seeded opportunity has one) plus resumes sent with the create request. */
    static List<Map<String, Object>> resumes(LeverAccount acc, Map<String, Object> o) {
        String id = (String) o.get("id");
        List<Map<String, Object>> out = new ArrayList<>();
        long n = acc.data.number(K_OPP, id);
        if (n >= 1 && n <= acc.data.size) out.add(seededResume(acc, o, n));
        out.addAll(acc.resumes.getOrDefault(id, List.of()));
        return out;
    }

    static Map<String, Object> seededResume(LeverAccount acc, Map<String, Object> o, long n) {
        String rid = acc.data.uuid(K_RESUME, n);
        String name = o.get("name").toString();
        String fileName = name.replace(' ', '_') + "_Resume.pdf";
        long created = ((Number) o.get("createdAt")).longValue();
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("name", fileName);
        file.put("ext", "pdf");
        file.put("downloadUrl", LeverData.HIRE + "/candidates/" + o.get("id") + "/resumes/" + rid + "/download");
        file.put("uploadedAt", created);
        file.put("status", "processed");
        file.put("size", acc.data.resumeBytes(name).length);
        Map<String, Object> pos = new LinkedHashMap<>();
        pos.put("org", o.get("headline"));
        pos.put("title", "Engineer");
        pos.put("summary", "Built and ran things.");
        pos.put("location", o.get("location"));
        pos.put("start", Map.of("year", 2016, "month", 1 + (int) (n % 12)));
        pos.put("end", null);
        Map<String, Object> school = new LinkedHashMap<>();
        school.put("org", "State University");
        school.put("degree", "BS");
        school.put("field", "Computer Science");
        school.put("summary", "");
        school.put("start", Map.of("year", 2010, "month", 9));
        school.put("end", Map.of("year", 2014, "month", 5));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", rid);
        r.put("createdAt", created);
        r.put("file", file);
        r.put("parsedData", Map.of("positions", List.of(pos), "schools", List.of(school)));
        r.put("_name", name);
        return r;
    }

    static void addResume(LeverAccount acc, String oppId, Multipart.Part p, long now) {
        String rid = UUID.randomUUID().toString();
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("name", p.filename());
        file.put("ext", ext(p.filename()));
        file.put("downloadUrl", LeverData.HIRE + "/candidates/" + oppId + "/resumes/" + rid + "/download");
        file.put("uploadedAt", now);
        file.put("status", FILE_EXTS.contains(ext(p.filename())) ? "processed" : "unsupported");
        file.put("size", p.bytes().length);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", rid);
        r.put("createdAt", now);
        r.put("file", file);
        acc.resumes.computeIfAbsent(oppId, k -> new CopyOnWriteArrayList<>()).add(r);
        acc.fileBytes.put(rid, p.bytes());
    }

    static Map<String, Object> resume(Req req) {
        for (Map<String, Object> r : resumes(acc(req), opportunity(req)))
            if (r.get("id").equals(req.params.get("resumeId"))) return r;
        throw notFound("resumes", req.params.get("resumeId"));
    }

    @SuppressWarnings("unchecked")
    static Resp downloadResume(Req req) {
        Map<String, Object> r = resume(req);
        Map<String, Object> file = (Map<String, Object>) r.get("file");
        if (!"processed".equals(file.get("status"))) throw new ApiException(422, "The file could not be processed");
        byte[] bytes = r.containsKey("_name")
                ? acc(req).data.resumeBytes((String) r.get("_name"))
                : acc(req).fileBytes.get((String) r.get("id"));
        return Resp.bytes(200, Documents.contentTypeFor((String) file.get("name")), bytes)
                .header("Content-Disposition", "attachment; filename=\"" + file.get("name") + "\"");
    }

    // ---- notes ----

    static List<Map<String, Object>> notes(Req req) {
        return acc(req).notes.computeIfAbsent(req.params.get("id"), k -> new CopyOnWriteArrayList<>());
    }

    static Map<String, Object> note(Req req) {
        opportunity(req);
        for (Map<String, Object> n : notes(req)) if (n.get("id").equals(req.params.get("noteId"))) return n;
        throw notFound("notes", req.params.get("noteId"));
    }

    static Resp createNote(Req req) {
        Map<String, Object> o = opportunity(req);
        LeverAccount acc = acc(req);
        Map<String, Object> b = Json.object(req.body);
        Object value = b.get("value");
        if (value == null || value.toString().isBlank()) throw new ApiException(400, "value is required");
        String user = req.q("perform_as");
        if (user != null && acc.data.user(user) == null)
            throw new ApiException(400, "perform_as user " + user + " was not found");
        Object score = b.get("score");
        if (score != null && !(score instanceof Number s && s.intValue() >= 1 && s.intValue() <= 4))
            throw new ApiException(400, "score must be 1..4");
        long now = acc.now();
        long createdAt =
                b.get("createdAt") == null ? now : ((Number) number(b.get("createdAt"), "createdAt")).longValue();
        String id = UUID.randomUUID().toString();
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("type", "note");
        field.put("text", "Comment");
        field.put("value", value.toString());
        field.put("createdAt", createdAt);
        field.put("score", score);
        field.put("stage", o.get("stage"));
        field.put("user", user);
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("id", id);
        n.put("noteId", id);
        n.put("text", "Note");
        n.put("fields", List.of(field));
        n.put("secret", Boolean.TRUE.equals(b.get("secret")));
        n.put("user", user);
        n.put("createdAt", createdAt);
        n.put("completedAt", createdAt);
        n.put("deletedAt", null);
        notes(req).add(n);
        return Resp.json(201, wrap(n));
    }

    // ---- postings, users ----

    @SuppressWarnings("unchecked")
    static Resp listPostings(Req req) {
        List<Predicate<Map<String, Object>>> ps = new ArrayList<>();
        anyOf(req, "state", ps, (p, v) -> v.equals(p.get("state")));
        anyOf(req, "team", ps, (p, v) -> v.equals(((Map<String, Object>) p.get("categories")).get("team")));
        anyOf(req, "department", ps, (p, v) -> v.equals(((Map<String, Object>) p.get("categories")).get("department")));
        anyOf(req, "location", ps, (p, v) -> v.equals(((Map<String, Object>) p.get("categories")).get("location")));
        anyOf(req, "commitment", ps, (p, v) -> v.equals(((Map<String, Object>) p.get("categories")).get("commitment")));
        anyOf(
                req,
                "distributionChannel",
                ps,
                (p, v) -> p.get("distributionChannels") instanceof List<?> l && l.contains(v));
        window(req, "updated_at", ps, p -> (Long) p.get("updatedAt"));
        List<Map<String, Object>> all = acc(req).data.postings.stream()
                .filter(p -> ps.stream().allMatch(x -> x.test(p)))
                .toList();
        return Resp.json(200, LeverPaging.page(req, acc(req), all, x -> x));
    }

    static Resp listUsers(Req req) {
        boolean deactivated = Boolean.parseBoolean(req.q("includeDeactivated"));
        List<Predicate<Map<String, Object>>> ps = new ArrayList<>();
        if (!deactivated) ps.add(u -> u.get("deactivatedAt") == null);
        anyOf(req, "email", ps, (u, v) -> v.equalsIgnoreCase((String) u.get("email")));
        anyOf(req, "accessRole", ps, (u, v) -> v.equals(u.get("accessRole")));
        List<Map<String, Object>> all = acc(req).data.users.stream()
                .filter(u -> ps.stream().allMatch(x -> x.test(u)))
                .toList();
        return Resp.json(200, LeverPaging.page(req, acc(req), all, x -> x));
    }
}
