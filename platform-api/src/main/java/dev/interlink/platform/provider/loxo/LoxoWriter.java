package dev.interlink.platform.provider.loxo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.FieldError;
import dev.interlink.platform.provider.AtsWriter;
import dev.interlink.platform.provider.AtsWriter.EmailInput;
import dev.interlink.platform.provider.AtsWriter.PhoneInput;
import dev.interlink.platform.provider.AtsWriter.UrlInput;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.MediaTypes;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.provider.Tolerant;
import dev.interlink.platform.provider.http.RawResponse;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Loxo writes (docs/providers/loxo.md §4, §5, §7). People are form bodies with Rails bracket keys. There is no "set
 * stage" call: a stage moves when a person event is logged with the job and an activity type mapped to that stage,
 * and only forwards, so a backward move is refused here before anything is sent. Loxo can answer 200 and store
 * nothing ({@code id: null}, a {@code null} body): every write checks its answer.
 */
@Singleton
@Named("loxo")
public class LoxoWriter implements AtsWriter {
    static final Map<String, List<String>> FORM =
            Map.of("Content-Type", List.of("application/x-www-form-urlencoded"), "Accept", List.of("application/json"));

    @Override
    public String id() {
        return "loxo";
    }

    /**
     * Loxo custom fields are keyed by their dynamic field key ({@code custom_...}); a person has one LinkedIn URL and one
     * website (§6.1), so more than one of either cannot be stored.
     */
    @Override
    public void validate(CandidateInput in, List<FieldError> errors) {
        if (in == null) return;
        if (in.urls() != null) {
            int linkedin = 0;
            int other = 0;
            for (int i = 0; i < in.urls().size(); i++) {
                UrlInput u = in.urls().get(i);
                boolean li = "LINKEDIN".equals(u.type())
                        || (u.url() != null && u.url().toLowerCase(Locale.ROOT).contains("linkedin."));
                if ((li ? ++linkedin : ++other) > 1) {
                    errors.add(new FieldError(
                            "/urls/" + i,
                            "Loxo stores one LinkedIn URL and one website per person; this is a second "
                                    + (li ? "LinkedIn URL" : "website")));
                }
            }
        }
        if (in.customFields() == null) return;
        in.customFields().keySet().stream()
                .filter(key -> !key.matches("custom_[a-z0-9_]{1,60}"))
                .forEach(key -> errors.add(new FieldError(
                        "/custom_fields/" + FieldError.token(key),
                        "Loxo custom fields are keyed by their dynamic field key (custom_...)")));
    }

    /**
     * A Loxo stage moves by logging a person event, and Loxo's API has no switch that stops the automations an event
     * may start (docs/providers/loxo.md §5): suppressing cannot be promised, so it is refused, never ignored.
     */
    @Override
    public void validateMove(boolean suppressTriggers, List<FieldError> errors) {
        if (suppressTriggers) {
            errors.add(new FieldError(
                    "/suppress_triggers",
                    "Loxo cannot move a stage without running its automations (a move is a logged activity);"
                            + " send false or leave it out"));
        }
    }

    @Override
    public String createCandidate(ConnectorContext ctx, CandidateInput in) {
        LoxoPayloads.Form form = LoxoPayloads.person(in, null, Set.of(), Set.of());
        JsonNode answer = send(ctx, "POST", "/people", form);
        return personId(answer, "create");
    }

    /**
     * PATCH semantics: scalars given change (PUT); {@code emails}/{@code phones} given are the new sets: missing rows
     * are POSTed to the sub-resources (a PUT that appends rows is not idempotent and the pipeline may retry a PUT), then
     * stale rows are deleted by id; {@code urls} and {@code tags} replace through the PUT (§4.1, §6.1).
     */
    @Override
    public void updateCandidate(ConnectorContext ctx, String candidateId, CandidateInput in) {
        JsonNode current = LoxoConnector.found(ctx.getJson("/people/" + candidateId));
        Map<String, String> emails = rows(current, "emails", v -> v.toLowerCase(Locale.ROOT));
        Map<String, String> phones = rows(current, "phones", LoxoPayloads::digits);
        LoxoPayloads.Form form =
                LoxoPayloads.person(in, Tolerant.text(current, "name"), emails.keySet(), phones.keySet(), false);
        if (!form.isEmpty()) personId(send(ctx, "PUT", "/people/" + candidateId, form), "update");
        if (in.has("emails")) {
            Set<String> want = new HashSet<>();
            for (EmailInput e : LoxoPayloads.primaryFirst(in.emails())) {
                if (want.add(e.email().toLowerCase(Locale.ROOT))
                        && !emails.containsKey(e.email().toLowerCase(Locale.ROOT)))
                    addContact(ctx, candidateId, "emails", "person_email", e.email());
            }
            deleteContacts(ctx, candidateId, "emails", emails, want);
        }
        if (in.has("phones")) {
            Set<String> want = new HashSet<>();
            for (PhoneInput p : in.phones()) {
                String d = LoxoPayloads.digits(p.number());
                if (want.add(d) && !phones.containsKey(d))
                    addContact(ctx, candidateId, "phones", "person_phone", p.number());
            }
            deleteContacts(ctx, candidateId, "phones", phones, want);
        }
    }

    /** The person's email/phone rows (objects {@code {id, value}} or, in some answers, bare strings): value → id. */
    static Map<String, String> rows(JsonNode person, String kind, java.util.function.UnaryOperator<String> norm) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (JsonNode r : Tolerant.array(person, kind)) {
            String v = r.isTextual() ? r.asText() : Tolerant.text(r, "value");
            if (v != null) out.putIfAbsent(norm.apply(v), r.isTextual() ? null : Tolerant.id(r, "id"));
        }
        return out;
    }

    /**
     * {@code DELETE /people/{id}/emails|phones/{row id}} for each stored row not in {@code want}. A row without an id
     * (bare-string form) cannot be deleted: that is a 502 naming it, never a silent success.
     */
    static void deleteContacts(
            ConnectorContext ctx, String personId, String kind, Map<String, String> have, Set<String> want) {
        for (Map.Entry<String, String> row : have.entrySet()) {
            if (want.contains(row.getKey())) continue;
            if (row.getValue() == null) {
                throw silent("Loxo listed a stored " + kind + " row without an id, so it cannot be removed");
            }
            try {
                ctx.stream(
                                "DELETE",
                                ctx.uri("/people/" + personId + "/" + kind + "/" + row.getValue(), Map.of()),
                                Map.of("Accept", List.of("application/json")),
                                null,
                                false)
                        .close();
            } catch (ApiProblem p) {
                // a retried DELETE may find the row gone already: that is the outcome we wanted
                if (!(p.extensions().get("remote") instanceof Map<?, ?> m
                        && "404".equals(String.valueOf(m.get("status"))))) throw p;
            }
        }
    }

    void addContact(ConnectorContext ctx, String personId, String kind, String wrapper, String value) {
        JsonNode row = send(
                ctx,
                "POST",
                "/people/" + personId + "/" + kind,
                new LoxoPayloads.Form().add(wrapper + "[value]", value));
        rejectErrors(row, kind);
        JsonNode r = row.has(wrapper) ? row.get(wrapper) : row;
        if (Tolerant.id(r, "id") == null) {
            throw silent("Loxo answered the " + kind + " add with success but no id: " + value + " was not stored");
        }
    }

    /** {@code {"person": {...}, "errors": []}}: errors → 422; no id → the silent failure of §7 → 502. */
    static String personId(JsonNode answer, String what) {
        rejectErrors(answer, what);
        String id = Tolerant.id(answer.path("person"), "id");
        if (id == null) {
            throw silent("Loxo answered the person " + what + " with success but no person id: nothing was stored");
        }
        return id;
    }

    static void rejectErrors(JsonNode answer, String what) {
        JsonNode errors = answer.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            throw ApiProblem.of(ErrorCode.REMOTE_INPUT_INVALID, "Loxo rejected the " + what + ": " + errors)
                    .with("remote", Map.of("errors", errors.toString()));
        }
    }

    @Override
    public RemoteKey createApplication(ConnectorContext ctx, String candidateId, String jobId, RemoteKey stage) {
        LoxoConnector.found(ctx.getJson("/jobs/" + jobId));
        String activityType;
        if (stage != null) {
            jobStages(ctx, jobId, stage.part(0));
            activityType = activityTypeFor(ctx, stage.part(0));
        } else {
            activityType = activityTypeByKey(ctx, "applied", "identified");
        }
        String existing = jobCandidate(ctx, jobId, candidateId);
        if (existing != null) {
            throw ApiProblem.of(ErrorCode.ATS_APPLICATION_ALREADY_EXISTS, "This person is already on this Loxo job")
                    .with("existing_id", RemoteKey.encode(jobId, existing));
        }
        logEvent(ctx, candidateId, jobId, activityType);
        String created = jobCandidate(ctx, jobId, candidateId);
        if (created == null) {
            throw silent("Loxo accepted the person event but the person is not on the job");
        }
        return RemoteKey.of(jobId, created);
    }

    @Override
    public void moveStage(ConnectorContext ctx, RemoteKey application, RemoteKey stage, boolean suppressTriggers) {
        String jobId = application.part(0);
        JsonNode candidate = LoxoConnector.found(ctx.getJson("/jobs/" + jobId + "/candidates/" + application.part(1)));
        String personId = Tolerant.id(candidate.path("person"), "id");
        if (personId == null) personId = Tolerant.id(candidate, "person_id");
        Map<String, Integer> positions = jobStages(ctx, jobId, stage.part(0));
        String current = Tolerant.id(candidate, "workflow_stage_id");
        int from = current == null ? 0 : positions.getOrDefault(current, 0);
        int to = positions.get(stage.part(0));
        if (to < from) {
            throw ApiProblem.of(
                            ErrorCode.ATS_STAGE_TRANSITION_NOT_ALLOWED,
                            "Loxo moves candidates forward only: the target stage is before the current one")
                    .with("current_stage_id", RemoteKey.encode(current));
        }
        if (to == from) return; // already there: nothing to send
        String activityType = activityTypeFor(ctx, stage.part(0));
        logEvent(ctx, personId, jobId, activityType);
        JsonNode after = LoxoConnector.found(ctx.getJson("/jobs/" + jobId + "/candidates/" + application.part(1)));
        if (!stage.part(0).equals(Tolerant.id(after, "workflow_stage_id"))) {
            throw silent("Loxo accepted the person event but the candidate did not move to the stage");
        }
    }

    /** The stages of the job's workflow, id → position; 400 when {@code stageId} is not one of them. */
    Map<String, Integer> jobStages(ConnectorContext ctx, String jobId, String stageId) {
        JsonNode job = LoxoConnector.found(ctx.getJson("/jobs/" + jobId));
        String workflow = Tolerant.id(job, "workflow_id");
        JsonNode list = workflow == null
                ? ctx.getJson("/workflow_stages")
                : ctx.getJson("/workflow_stages", Map.of("workflow_id", workflow));
        Map<String, Integer> out = new java.util.HashMap<>();
        int i = 0;
        for (JsonNode s : Tolerant.items(list, "workflow_stages")) {
            i++;
            String id = Tolerant.id(s, "id");
            JsonNode pos = s.get("position");
            if (id != null) out.put(id, pos != null && pos.canConvertToInt() ? pos.asInt() : i);
        }
        if (!out.containsKey(stageId)) {
            throw ApiProblem.of(ErrorCode.ATS_STAGE_NOT_IN_JOB_WORKFLOW, "The stage is not in this job's Loxo workflow")
                    .with("errors", List.of(new FieldError("/stage_id", "is not in the job's workflow")));
        }
        return out;
    }

    /** The activity type ("progression trigger") mapped to the stage; none → the stage cannot be reached by API. */
    String activityTypeFor(ConnectorContext ctx, String stageId) {
        for (JsonNode a : Tolerant.items(ctx.getJson("/activity_types"), "activity_types")) {
            if (stageId.equals(Tolerant.id(a, "workflow_stage_id"))) return Tolerant.id(a, "id");
        }
        throw ApiProblem.of(
                ErrorCode.ATS_STAGE_TRANSITION_NOT_ALLOWED,
                "No Loxo activity type moves candidates to this stage, so it cannot be reached through the API");
    }

    String activityTypeByKey(ConnectorContext ctx, String... keys) {
        List<JsonNode> types = Tolerant.items(ctx.getJson("/activity_types"), "activity_types");
        for (String key : keys)
            for (JsonNode a : types) if (key.equals(Tolerant.text(a, "key"))) return Tolerant.id(a, "id");
        throw ApiProblem.of(
                ErrorCode.REMOTE_UNKNOWN_HTTP_ERROR, "This Loxo agency has no 'applied' or 'identified' activity type");
    }

    /** The job-candidate id of the person on the job, or null. */
    static String jobCandidate(ConnectorContext ctx, String jobId, String personId) {
        JsonNode page = ctx.getJson("/jobs/" + jobId + "/candidates", Map.of("person_id", personId));
        for (JsonNode c : Tolerant.items(page, "candidates")) {
            String pid = Tolerant.id(c.path("person"), "id");
            if (pid == null) pid = Tolerant.id(c, "person_id");
            if (pid == null || pid.equals(personId)) return Tolerant.id(c, "id");
        }
        return null;
    }

    void logEvent(ConnectorContext ctx, String personId, String jobId, String activityTypeId) {
        LoxoPayloads.Form form = new LoxoPayloads.Form()
                .add("person_event[activity_type_id]", activityTypeId)
                .add("person_event[person_id]", personId)
                .add("person_event[job_id]", jobId);
        JsonNode answer = send(ctx, "POST", "/person_events", form);
        rejectErrors(answer, "person event");
        if (Tolerant.id(answer.path("person_event"), "id") == null) {
            throw silent("Loxo answered the person event with success but no event id: nothing was logged");
        }
    }

    @Override
    public RemoteKey uploadAttachment(ConnectorContext ctx, String candidateId, FileInput file) {
        String kind = "RESUME".equals(file.type()) ? LoxoMapper.RESUME : LoxoMapper.DOCUMENT;
        if (!MediaTypes.isValid(file.contentType())) {
            // checked at the route already; a part header must never carry a CR/LF from a caller
            throw ApiProblem.invalid("/content_type", "must be a media type such as application/pdf");
        }
        String boundary = "interlink-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"document\"; filename=\""
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
                ctx.uri("/people/" + candidateId + "/" + kind + "s", Map.of()),
                headers,
                body.toByteArray(),
                false)) {
            answer = AtsWriter.json(r);
        }
        JsonNode row =
                answer.has("resume") ? answer.get("resume") : answer.has("document") ? answer.get("document") : answer;
        String fid = Tolerant.id(row, "id");
        if (fid == null) throw silent("Loxo answered the upload with success but no file id: nothing was stored");
        return RemoteKey.of(candidateId, kind, fid);
    }

    static JsonNode send(ConnectorContext ctx, String method, String path, LoxoPayloads.Form form) {
        try (RawResponse r = ctx.stream(method, ctx.uri(path, Map.of()), FORM, form.encode(), false)) {
            return AtsWriter.json(r);
        }
    }

    static ApiProblem silent(String detail) {
        return ApiProblem.of(ErrorCode.REMOTE_UNKNOWN_HTTP_ERROR, detail).with("retryable", false);
    }
}
