package dev.interlink.platform.provider.cats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.FieldError;
import dev.interlink.platform.provider.AtsWriter;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.provider.Tolerant;
import dev.interlink.platform.provider.http.RawResponse;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CATS v3 writes (docs/providers/cats.md §4.1, §4.3, §4.6, §6). Emails and phones go in the {@code emails[]}/
 * {@code phones[]} arrays on create and through the sub-resources on update: never the flat {@code email}/
 * {@code phone} fields, which CATS accepts with 201 and drops. PUT needs first and last name, so updates
 * read-modify-write. Stage moves are {@code POST /pipelines/{id}/status} (never PUT), files raw octet-stream with
 * {@code ?filename=}.
 */
@Singleton
@Named("cats")
public class CatsWriter implements AtsWriter {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, List<String>> JSON_HEADERS =
            Map.of("Content-Type", List.of("application/json"), "Accept", List.of("application/json"));

    @Override
    public String id() {
        return "cats";
    }

    /** Custom fields are keyed by numeric field id (tag names are checked against the site's tags before writing). */
    @Override
    public void validate(CandidateInput in, List<FieldError> errors) {
        if (in == null) return;
        if (in.customFields() != null) {
            in.customFields().keySet().stream()
                    .filter(key -> !key.matches("[0-9]{1,18}"))
                    .forEach(key -> errors.add(new FieldError(
                            "/custom_fields/" + FieldError.token(key),
                            "CATS custom fields are keyed by their numeric field id")));
        }
    }

    @Override
    public String createCandidate(ConnectorContext ctx, CandidateInput in) {
        checkCustomFields(ctx, in);
        List<String> tagIds = CatsCandidateLists.tagIds(ctx, in);
        ObjectNode body = CatsPayloads.candidate(in, null);
        String id;
        try (RawResponse r = send(ctx, "POST", "/candidates", Map.of(), body)) {
            id = AtsWriter.idFromLocation(r);
        }
        if (id == null) {
            throw ApiProblem.of(
                    ErrorCode.REMOTE_UNKNOWN_HTTP_ERROR,
                    "CATS answered success to the candidate create but sent no Location: nothing shows it was stored");
        }
        try {
            writeCustomFields(ctx, id, in);
            CatsCandidateLists.writeTags(ctx, id, tagIds);
        } catch (ApiProblem p) {
            throw p.with("created_id", RemoteKey.encode(id)); // the candidate exists: do not create it again
        }
        return id;
    }

    /**
     * PATCH semantics: the scalar fields given change; {@code emails}, {@code phones}, {@code urls} and {@code tags}
     * given are the new sets. Missing rows are added before stale ones are deleted, so the record never passes through
     * "no email" on the way; every name and tag is checked before the first write (§4.1, §4.9).
     */
    @Override
    public void updateCandidate(ConnectorContext ctx, String candidateId, CandidateInput in) {
        JsonNode current = ctx.getJson("/candidates/" + candidateId);
        checkCustomFields(ctx, in);
        List<String> tagIds = CatsCandidateLists.tagIds(ctx, in);
        ObjectNode body = CatsPayloads.candidate(in, current);
        body.remove("emails");
        body.remove("phones");
        if (body.size() > 2 || in.has("first_name") || in.has("last_name")) {
            // PUT requires first/last name: CatsPayloads copies the current ones in (read-modify-write, §4.1)
            send(ctx, "PUT", "/candidates/" + candidateId, Map.of(), body).close();
        }
        if (in.has("emails")) CatsCandidateLists.replaceEmails(ctx, candidateId, in.emails());
        if (in.has("phones")) CatsCandidateLists.replacePhones(ctx, candidateId, in.phones());
        writeCustomFields(ctx, candidateId, in);
        CatsCandidateLists.writeTags(ctx, candidateId, tagIds);
    }

    /**
     * Custom field keys and dropdown values are checked against the definitions before anything is written: a value
     * CATS would refuse after the candidate was created would leave a half-written record.
     */
    void checkCustomFields(ConnectorContext ctx, CandidateInput in) {
        if (in.customFields() == null || in.customFields().isEmpty()) return;
        Map<String, JsonNode> defs = new java.util.HashMap<>();
        JsonNode list = ctx.getJson("/candidates/custom_fields", Map.of("per_page", "100"));
        for (JsonNode d : Tolerant.items(list, "custom_fields")) {
            String did = Tolerant.id(d, "id");
            if (did != null) defs.put(did, d);
        }
        List<FieldError> errors = new java.util.ArrayList<>();
        for (Map.Entry<String, JsonNode> f : in.customFields().entrySet()) {
            String pointer = "/custom_fields/" + f.getKey();
            JsonNode def = defs.get(f.getKey());
            if (def == null) {
                errors.add(new FieldError(pointer, "is not a CATS candidate custom field id"));
                continue;
            }
            JsonNode field = def.path("field");
            JsonNode selections = field.path("selections");
            if ("dropdown".equals(Tolerant.text(field, "type"))
                    && selections.isArray()
                    && !f.getValue().isNull()) {
                boolean ok = false;
                for (JsonNode option : selections)
                    ok |= option.asText().equals(f.getValue().asText());
                if (!ok) errors.add(new FieldError(pointer, "must be one of " + selections));
            }
        }
        if (!errors.isEmpty()) throw ApiProblem.invalid(errors);
    }

    /** Custom field values are a sub-resource: {@code PUT /candidates/{id}/custom_fields/{field id} {"value"}}. */
    void writeCustomFields(ConnectorContext ctx, String candidateId, CandidateInput in) {
        if (in.customFields() == null) return;
        for (Map.Entry<String, JsonNode> f : in.customFields().entrySet()) {
            ObjectNode body = JSON.createObjectNode().set("value", f.getValue());
            send(ctx, "PUT", "/candidates/" + candidateId + "/custom_fields/" + f.getKey(), Map.of(), body)
                    .close();
        }
    }

    @Override
    public RemoteKey createApplication(ConnectorContext ctx, String candidateId, String jobId, RemoteKey stage) {
        JsonNode job = ctx.getJson("/jobs/" + jobId);
        JsonNode status = stage == null ? null : statusInWorkflow(ctx, Tolerant.id(job, "workflow_id"), stage);
        // a duplicate is detectable before writing: the candidate's pipelines (CATS also answers 409)
        for (JsonNode p : Tolerant.items(ctx.getJson("/candidates/" + candidateId + "/pipelines"), "pipelines")) {
            if (jobId.equals(Tolerant.id(p, "job_id"))) throw alreadyExists(Tolerant.id(p, "id"));
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("candidate_id", Long.parseLong(candidateId));
        body.put("job_id", Long.parseLong(jobId));
        String id;
        try (RawResponse r = send(ctx, "POST", "/pipelines", Map.of(), body)) {
            id = AtsWriter.idFromLocation(r);
        } catch (ApiProblem p) {
            if ("409".equals(String.valueOf(remoteStatus(p)))) throw alreadyExists(null);
            throw p;
        }
        if (id == null) {
            throw ApiProblem.of(
                    ErrorCode.REMOTE_UNKNOWN_HTTP_ERROR,
                    "CATS answered success to the pipeline create but sent no Location: nothing shows it was stored");
        }
        if (status != null && !stage.part(1).equals(Tolerant.id(ctx.getJson("/pipelines/" + id), "status_id"))) {
            postStatus(ctx, id, status, false);
        }
        return RemoteKey.of(id);
    }

    @Override
    public void moveStage(ConnectorContext ctx, RemoteKey application, RemoteKey stage, boolean suppressTriggers) {
        JsonNode pipeline = ctx.getJson("/pipelines/" + application.part(0));
        JsonNode status = statusInWorkflow(ctx, Tolerant.id(pipeline, "workflow_id"), stage);
        postStatus(ctx, application.part(0), status, suppressTriggers);
    }

    @Override
    public boolean canReject() {
        return true;
    }

    /**
     * A rejection is a move to a status of the pipeline's workflow mapped {@code declined} (§4.3): the one given, or
     * the workflow's first. The note becomes an activity on the candidate regarding the job (§4.7), because the status
     * change itself carries no text. Already in that status: nothing is moved (a replay sends no second change).
     */
    @Override
    public void reject(ConnectorContext ctx, RemoteKey application, RemoteKey reason, String note) {
        String pipelineId = application.part(0);
        JsonNode pipeline = ctx.getJson("/pipelines/" + pipelineId);
        String workflowId = Tolerant.id(pipeline, "workflow_id");
        JsonNode status = null;
        if (workflowId != null && (reason == null || workflowId.equals(reason.part(0)))) {
            JsonNode list = ctx.getJson("/pipelines/workflows/" + workflowId + "/statuses", Map.of("per_page", "100"));
            for (JsonNode s : Tolerant.items(list, "statuses")) {
                if (!CatsMapper.DECLINED.equals(Tolerant.text(s, "mapping"))) continue;
                if (reason == null || reason.part(1).equals(Tolerant.id(s, "id"))) {
                    status = s;
                    break;
                }
            }
        }
        if (status == null && reason != null) {
            throw ApiProblem.invalid(List.of(new FieldError(
                    "/rejection_reason_id", "is not a declined status of this application's CATS workflow")));
        }
        if (status == null) {
            throw ApiProblem.of(
                    ErrorCode.ATS_STAGE_TRANSITION_NOT_ALLOWED,
                    "This application's CATS workflow has no status mapped 'declined' to reject it with");
        }
        if (!Tolerant.id(status, "id").equals(Tolerant.id(pipeline, "status_id"))) {
            postStatus(ctx, pipelineId, status, false);
        }
        if (note != null && !note.isBlank()) {
            ObjectNode activity = JSON.createObjectNode().put("type", "other").put("notes", note);
            String jobId = Tolerant.id(pipeline, "job_id");
            if (jobId != null) activity.put("regarding_id", Long.parseLong(jobId));
            send(
                            ctx,
                            "POST",
                            "/candidates/" + Tolerant.id(pipeline, "candidate_id") + "/activities",
                            Map.of(),
                            activity)
                    .close();
        }
    }

    /**
     * {@code triggers} omitted = CATS fires the required and default triggers; given = every trigger of the status
     * must be listed (§4.3), so suppressing lists each one with {@code fire: false}.
     */
    void postStatus(ConnectorContext ctx, String pipelineId, JsonNode status, boolean suppressTriggers) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status_id", Long.parseLong(Tolerant.id(status, "id")));
        if (suppressTriggers) {
            ArrayNode triggers = body.putArray("triggers");
            for (JsonNode t : Tolerant.array(status, "triggers")) {
                String tid = t.isValueNode() ? t.asText() : Tolerant.id(t, "id");
                if (tid != null)
                    triggers.addObject().put("id", Long.parseLong(tid)).put("fire", false);
            }
        }
        send(ctx, "POST", "/pipelines/" + pipelineId + "/status", Map.of(), body)
                .close();
    }

    /** The status of {@code stage} (key workflow:status) if it belongs to {@code workflowId}, else 400. */
    JsonNode statusInWorkflow(ConnectorContext ctx, String workflowId, RemoteKey stage) {
        if (workflowId != null && workflowId.equals(stage.part(0))) {
            JsonNode list = ctx.getJson("/pipelines/workflows/" + workflowId + "/statuses", Map.of("per_page", "100"));
            for (JsonNode s : Tolerant.items(list, "statuses")) {
                if (stage.part(1).equals(Tolerant.id(s, "id"))) return s;
            }
        }
        throw ApiProblem.of(
                        ErrorCode.ATS_STAGE_NOT_IN_JOB_WORKFLOW,
                        "The stage is not a status of this job's CATS workflow " + workflowId)
                .with("errors", List.of(new FieldError("/stage_id", "is not in the job's workflow")));
    }

    @Override
    public RemoteKey uploadAttachment(ConnectorContext ctx, String candidateId, FileInput file) {
        // raw bytes, not multipart (multipart → 415, §4.6 [LIVE]); resumes go to /resumes so CATS flags is_resume
        String path = "/candidates/" + candidateId + ("RESUME".equals(file.type()) ? "/resumes" : "/attachments");
        Map<String, List<String>> headers =
                Map.of("Content-Type", List.of("application/octet-stream"), "Accept", List.of("application/json"));
        try (RawResponse r =
                ctx.stream("POST", ctx.uri(path, Map.of("filename", file.fileName())), headers, file.data(), false)) {
            String id = AtsWriter.idFromLocation(r);
            return id == null ? null : RemoteKey.of(id);
        }
    }

    static ApiProblem alreadyExists(String pipelineId) {
        ApiProblem p = ApiProblem.of(
                ErrorCode.ATS_APPLICATION_ALREADY_EXISTS, "This candidate is already in this job's CATS pipeline");
        if (pipelineId != null) p.with("existing_id", RemoteKey.encode(pipelineId));
        return p;
    }

    static Object remoteStatus(ApiProblem p) {
        return p.extensions().get("remote") instanceof Map<?, ?> m ? m.get("status") : null;
    }

    static RawResponse send(ConnectorContext ctx, String method, String path, Map<String, ?> query, JsonNode body) {
        try {
            return ctx.stream(
                    method,
                    ctx.uri(path, new LinkedHashMap<>(query)),
                    JSON_HEADERS,
                    JSON.writeValueAsBytes(body),
                    false);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
