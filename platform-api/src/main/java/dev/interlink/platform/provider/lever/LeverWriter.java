package dev.interlink.platform.provider.lever;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.FieldError;
import dev.interlink.platform.provider.AtsWriter;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.MediaTypes;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.provider.Tolerant;
import dev.interlink.platform.provider.http.RawResponse;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Lever writes (docs/providers/lever.md §5, §9). A candidate is created as an opportunity without a posting
 * (Lever has no bare contact create); an application is another opportunity on the same contact with one posting;
 * a stage move is {@code PUT /opportunities/:id/stage}; files go to an opportunity. Every write names a user in
 * {@code perform_as} ({@link LeverReference#performAs}).
 */
@Singleton
@Named("lever")
public class LeverWriter implements AtsWriter {
    static final Map<String, List<String>> JSON_HEADERS =
            Map.of("Content-Type", List.of("application/json"), "Accept", List.of("application/json"));

    private final LeverReference reference;

    public LeverWriter(LeverReference reference) {
        this.reference = reference;
    }

    @Override
    public String id() {
        return "lever";
    }

    /** What a Lever person cannot hold: a company field, phone extensions, custom fields (forms in Lever). */
    @Override
    public void validate(CandidateInput in, List<FieldError> errors) {
        if (in == null) return;
        if (in.has("company_name")
                && in.companyName() != null
                && !in.companyName().isBlank()) {
            errors.add(new FieldError(
                    "/company_name", "Lever has no company field on a person; put it in title (Lever's headline)"));
        }
        if (in.phones() != null) {
            for (int i = 0; i < in.phones().size(); i++) {
                if (in.phones().get(i).extension() != null
                        && !in.phones().get(i).extension().isBlank()) {
                    errors.add(new FieldError("/phones/" + i + "/extension", "Lever phones have no extension"));
                }
            }
        }
        if (in.customFields() != null && !in.customFields().isEmpty()) {
            errors.add(new FieldError("/custom_fields", "Lever keeps custom data in forms; not writable here"));
        }
    }

    @Override
    public String createCandidate(ConnectorContext ctx, CandidateInput in) {
        JsonNode answer = send(ctx, "POST", "/opportunities", reference.performAs(ctx), LeverPayloads.opportunity(in));
        // Lever dedupes on email: "deduped": true means the opportunity went to an existing contact, whose data wins
        // (§5); the contact is still the candidate the caller asked for, and the read-back shows what it holds
        String contact = LeverMapper.userId(answer.path("data").get("contact"));
        if (contact == null) throw silent("Lever answered the create without a contact id");
        return contact;
    }

    @Override
    public void updateCandidate(ConnectorContext ctx, String candidateId, CandidateInput in) {
        if (in.has("first_name") || in.has("last_name") || in.has("title") || in.has("emails") || in.has("phones")) {
            JsonNode current = LeverConnector.data(ctx.getJson("/contacts/" + candidateId));
            send(ctx, "PUT", "/contacts/" + candidateId, null, LeverPayloads.contact(current, in));
        }
        boolean links = in.has("urls") && in.urls() != null;
        boolean tags = in.has("tags") && in.tags() != null;
        if (!links && !tags) return;
        // links belong to the contact but are written through an opportunity (any one changes the contact); tags
        // belong to each opportunity, and the candidate's tags are their union (§5): missing tags go on the oldest,
        // tags left out come off every opportunity that has them
        List<JsonNode> opps = opportunities(ctx, candidateId);
        if (opps.isEmpty()) {
            throw ApiProblem.of(
                    ErrorCode.REMOTE_INPUT_INVALID, "This Lever contact has no opportunity to write links or tags to");
        }
        JsonNode oldest = opps.get(0);
        String opp = Tolerant.id(oldest, "id");
        String user = reference.performAs(ctx);
        if (links) {
            List<String> add = LeverPayloads.newLinks(oldest, in.urls());
            List<String> remove = LeverPayloads.staleLinks(oldest, in.urls());
            if (!add.isEmpty())
                send(ctx, "POST", "/opportunities/" + opp + "/addLinks", user, LeverPayloads.list("links", add));
            if (!remove.isEmpty())
                send(ctx, "POST", "/opportunities/" + opp + "/removeLinks", user, LeverPayloads.list("links", remove));
        }
        if (tags) {
            Set<String> want = new java.util.LinkedHashSet<>(in.tags());
            Set<String> union = new java.util.LinkedHashSet<>();
            for (JsonNode o : opps) {
                List<String> have = new java.util.ArrayList<>();
                for (JsonNode t : Tolerant.array(o, "tags")) if (t.isTextual()) have.add(t.asText());
                union.addAll(have);
                List<String> stale =
                        have.stream().filter(t -> !want.contains(t)).toList();
                if (!stale.isEmpty()) {
                    send(
                            ctx,
                            "POST",
                            "/opportunities/" + Tolerant.id(o, "id") + "/removeTags",
                            user,
                            LeverPayloads.list("tags", stale));
                }
            }
            List<String> missing = want.stream().filter(t -> !union.contains(t)).toList();
            if (!missing.isEmpty())
                send(ctx, "POST", "/opportunities/" + opp + "/addTags", user, LeverPayloads.list("tags", missing));
        }
    }

    @Override
    public RemoteKey createApplication(ConnectorContext ctx, String candidateId, String jobId, RemoteKey stage) {
        LeverConnector.data(ctx.getJson("/postings/" + jobId));
        if (stage != null) checkStage(ctx, stage);
        for (JsonNode o : LeverCandidates.all(ctx, Map.of("contact_id", candidateId, "posting_id", jobId))) {
            if (Tolerant.object(o, "archived") == null) {
                throw ApiProblem.of(
                                ErrorCode.ATS_APPLICATION_ALREADY_EXISTS,
                                "This Lever contact already has an active opportunity for this posting")
                        .with("existing_id", RemoteKey.encode(Tolerant.id(o, "id")));
            }
        }
        JsonNode answer = send(
                ctx,
                "POST",
                "/opportunities",
                reference.performAs(ctx),
                LeverPayloads.application(candidateId, jobId, stage == null ? null : stage.part(0)));
        String id = Tolerant.id(answer.path("data"), "id");
        if (id == null) throw silent("Lever answered the opportunity create without an id");
        return RemoteKey.of(id);
    }

    /**
     * Lever's stages are one pipeline for every posting and it does not check a move against the posting (§9), so the
     * check is that the stage exists; Lever has no triggers to suppress.
     */
    @Override
    public void moveStage(ConnectorContext ctx, RemoteKey application, RemoteKey stage, boolean suppressTriggers) {
        checkStage(ctx, stage);
        send(
                ctx,
                "PUT",
                "/opportunities/" + application.part(0) + "/stage",
                reference.performAs(ctx),
                LeverPayloads.JSON.createObjectNode().put("stage", stage.part(0)));
    }

    @Override
    public boolean canReject() {
        return true;
    }

    /**
     * Rejecting is archiving with a non-hired archive reason (§5): the one given, or the first active one by name.
     * The note is a note on the opportunity. Already archived with that reason: nothing is archived again.
     */
    @Override
    public void reject(ConnectorContext ctx, RemoteKey application, RemoteKey reason, String note) {
        Map<String, JsonNode> reasons = reference.archiveReasons(ctx);
        String reasonId;
        if (reason != null) {
            JsonNode r = reasons.get(reason.part(0));
            if (r == null || !LeverMapper.isRejection(r)) {
                throw ApiProblem.invalid(
                        List.of(new FieldError("/rejection_reason_id", "is not a non-hired Lever archive reason")));
            }
            reasonId = reason.part(0);
        } else {
            reasonId = reasons.values().stream()
                    .filter(LeverMapper::isRejection)
                    .filter(r -> !"inactive".equals(Tolerant.text(r, "status")))
                    .sorted(java.util.Comparator.comparing(
                            r -> String.valueOf(Tolerant.text(r, "text")), String::compareTo))
                    .map(r -> Tolerant.id(r, "id"))
                    .findFirst()
                    .orElseThrow(() -> ApiProblem.of(
                            ErrorCode.ATS_STAGE_TRANSITION_NOT_ALLOWED,
                            "This Lever account has no active non-hired archive reason to reject with"));
        }
        String opp = application.part(0);
        JsonNode current = LeverConnector.data(ctx.getJson("/opportunities/" + opp));
        if (!reasonId.equals(Tolerant.text(current.path("archived"), "reason"))) {
            send(
                    ctx,
                    "PUT",
                    "/opportunities/" + opp + "/archived",
                    reference.performAs(ctx),
                    LeverPayloads.JSON.createObjectNode().put("reason", reasonId));
        }
        if (note != null && !note.isBlank()) {
            send(
                    ctx,
                    "POST",
                    "/opportunities/" + opp + "/notes",
                    reference.performAs(ctx),
                    LeverPayloads.JSON.createObjectNode().put("value", note));
        }
    }

    void checkStage(ConnectorContext ctx, RemoteKey stage) {
        if (!reference.stages(ctx).containsKey(stage.part(0))) {
            throw ApiProblem.of(ErrorCode.ATS_STAGE_NOT_IN_JOB_WORKFLOW, "The stage is not in this Lever pipeline")
                    .with("errors", List.of(new FieldError("/stage_id", "is not a stage of the Lever pipeline")));
        }
    }

    /**
     * Files belong to an opportunity: the contact's newest one. Lever has no resume upload (resumes come only with an
     * opportunity create, §5), so a RESUME is stored as a file (type OTHER when read back).
     */
    @Override
    public RemoteKey uploadAttachment(ConnectorContext ctx, String candidateId, FileInput file) {
        JsonNode newest = opportunities(ctx, candidateId).stream()
                .max(LeverMapper.OLDEST_FIRST)
                .orElseThrow(() -> ApiProblem.of(
                        ErrorCode.REMOTE_NOT_FOUND, "This Lever contact has no opportunity to attach files to"));
        String opp = Tolerant.id(newest, "id");
        if (!MediaTypes.isValid(file.contentType())) {
            // checked at the route already; a part header must never carry a CR/LF from a caller
            throw ApiProblem.invalid("/content_type", "must be a media type such as application/pdf");
        }
        String boundary = "interlink-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + file.fileName().replace("\"", "").replace("\r", "").replace("\n", "") + "\"\r\nContent-Type: "
                + file.contentType() + "\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file.data());
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Map<String, List<String>> headers = Map.of(
                "Content-Type", List.of("multipart/form-data; boundary=" + boundary),
                "Accept", List.of("application/json"));
        JsonNode answer;
        try (RawResponse r = ctx.stream(
                "POST",
                ctx.uri("/opportunities/" + opp + "/files", Map.of("perform_as", reference.performAs(ctx))),
                headers,
                body.toByteArray(),
                false)) {
            answer = AtsWriter.json(r);
        }
        String fid = Tolerant.id(answer.path("data"), "id");
        if (fid == null) throw silent("Lever answered the upload without a file id");
        return RemoteKey.of(opp, LeverMapper.FILE, fid);
    }

    static List<JsonNode> opportunities(ConnectorContext ctx, String contactId) {
        List<JsonNode> opps = LeverCandidates.all(ctx, Map.of("contact_id", contactId));
        if (opps.isEmpty()) LeverConnector.data(ctx.getJson("/contacts/" + contactId)); // 404 when unknown
        return opps.stream().sorted(LeverMapper.OLDEST_FIRST).toList();
    }

    static JsonNode send(ConnectorContext ctx, String method, String path, String performAs, JsonNode body) {
        byte[] bytes;
        try {
            bytes = LeverPayloads.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> query = performAs == null ? Map.of() : Map.of("perform_as", performAs);
        try (RawResponse r = ctx.stream(method, ctx.uri(path, query), JSON_HEADERS, bytes, false)) {
            return AtsWriter.json(r);
        }
    }

    static ApiProblem silent(String detail) {
        return ApiProblem.of(ErrorCode.REMOTE_UNKNOWN_HTTP_ERROR, detail).with("retryable", false);
    }
}
