package dev.interlink.sandbox.cats;

import dev.interlink.sandbox.common.ApiException;
import dev.interlink.sandbox.common.Documents;
import dev.interlink.sandbox.common.Req;
import dev.interlink.sandbox.common.Resp;
import dev.interlink.sandbox.common.Router;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Attachments (docs/providers/cats.md §4.6): raw octet-stream uploads with ?filename= (multipart is already refused with
 * 415 at the front door), metadata, download with the file's own Content-Type.
 */
final class CatsAttachments {
    private CatsAttachments() {}

    static void register(Router r) {
        r.get("/jobs/{id}/attachments", req -> listOf(req, "job"))
                .post("/jobs/{id}/attachments", req -> upload(req, false, "job"))
                .get("/companies/{id}/attachments", req -> listOf(req, "company"))
                .post("/companies/{id}/attachments", req -> upload(req, false, "company"))
                .post("/attachments/parse", CatsAttachments::parse)
                .get("/attachments/{id}", req -> Resp.json(200, get(req)))
                .get("/attachments/{id}/download", CatsAttachments::download)
                .delete("/attachments/{id}", req -> {
                    CatsAccount acc = (CatsAccount) req.account;
                    if (!acc.data.attachments.delete(req.pathLong("id"))) throw new ApiException(404, "Not found.");
                    return Resp.empty(204);
                });
    }

    static dev.interlink.sandbox.common.EntityStore store(CatsAccount acc, String type) {
        switch (type) {
            case "job":
                return acc.data.jobs;
            case "company":
                return acc.data.companies;
            default:
                return acc.data.candidates;
        }
    }

    /** Attachments of a job or company (seeded attachments all belong to candidates). */
    @SuppressWarnings("unchecked")
    static Resp listOf(Req req, String type) {
        CatsAccount acc = (CatsAccount) req.account;
        long id = req.pathLong("id");
        if (!store(acc, type).exists(id)) throw new ApiException(404, "Not found.");
        return CatsHal.list(req, "attachments", acc.data.attachments.filter(i -> false, a -> {
            Map<String, Object> item = (Map<String, Object>) a.get("data_item");
            return type.equals(item.get("type")) && ((Number) item.get("id")).longValue() == id;
        }));
    }

    static Map<String, Object> get(Req req) {
        Map<String, Object> a = ((CatsAccount) req.account).data.attachments.get(req.pathLong("id"));
        if (a == null) throw new ApiException(404, "Not found.");
        return a;
    }

    static Resp upload(Req req, boolean resume) {
        return upload(req, resume, "candidate");
    }

    /** Upload to a candidate, job or company ({type}s/{id}/attachments?filename=). */
    static Resp upload(Req req, boolean resume, String type) {
        CatsAccount acc = (CatsAccount) req.account;
        long cid = req.pathLong("id");
        if (!store(acc, type).exists(cid)) throw new ApiException(404, "Not found.");
        String filename = req.q("filename");
        if (filename == null || filename.isBlank())
            throw CatsCandidateRoutes.validation(java.util.List.of("filename must not be empty"));
        if (req.body.length == 0) throw CatsCandidateRoutes.validation(java.util.List.of("file must not be empty"));
        long id = acc.data.attachments.reserveId();
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", id);
        a.put("filename", filename);
        a.put("is_resume", resume);
        a.put("size", req.body.length);
        a.put("version", 1);
        String ct = req.contentType.isEmpty() || req.contentType.equals("application/octet-stream")
                ? Documents.contentTypeFor(filename)
                : req.rawContentType;
        a.put("content_type", ct);
        a.put("data_item", Map.of("id", cid, "type", type));
        a.put("date_created", CatsData.ts(Instant.now(), CatsData.UTC));
        CatsShapes.finishAttachment(a);
        acc.data.files.put(id, req.body);
        acc.data.attachments.putWithId(id, a);
        return CatsHal.created(req, "/attachments/" + id);
    }

    @SuppressWarnings("unchecked")
    static Resp download(Req req) {
        CatsAccount acc = (CatsAccount) req.account;
        Map<String, Object> a = get(req);
        long id = ((Number) a.get("id")).longValue();
        byte[] bytes = acc.data.files.get(id);
        String filename = a.get("filename").toString();
        if (bytes == null) bytes = CatsData.seededFile(filename);
        return Resp.bytes(200, a.get("content_type").toString(), bytes)
                .header("Content-Disposition", "attachment; filename=\"" + filename.replace("\"", "") + "\"");
    }

    /** Parses nothing real: answers a candidate-like JSON and creates no record (§4.6). */
    static Resp parse(Req req) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("first_name", "Parsed");
        out.put("last_name", "Candidate");
        out.put("emails", Map.of("primary", "parsed.candidate@example.com"));
        return Resp.json(200, out);
    }
}
