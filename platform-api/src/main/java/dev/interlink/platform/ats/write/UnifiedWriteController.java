package dev.interlink.platform.ats.write;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.ats.AccountSelection;
import dev.interlink.platform.ats.CallAccount;
import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.auth.RequiresScope;
import dev.interlink.platform.auth.Scopes;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.FieldError;
import dev.interlink.platform.idempotency.Idempotency;
import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.provider.AtsWriter;
import dev.interlink.platform.provider.AtsWriter.CandidateInput;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.Enums;
import dev.interlink.platform.provider.MediaTypes;
import dev.interlink.platform.provider.RemoteKey;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The unified write API (docs/decisions/0040-unified-writes.md): candidates create/update, applications create,
 * {@code move-stage} and {@code reject}, candidate attachment upload. Order on every route: the account (another tenant's → 404), the
 * body (every problem listed, 400, nothing sent), then {@code Idempotency-Key}, then the provider.
 */
@Controller("/unified/ats")
@RequiresScope(Scopes.UNIFIED_WRITE)
public class UnifiedWriteController {
    static final int MAX_NOTE = 10_000;
    private final UnifiedWriteService writes;
    private final CallAccount accounts;
    private final Idempotency idempotency;
    private final long maxBytes;

    public UnifiedWriteController(
            UnifiedWriteService writes,
            CallAccount accounts,
            Idempotency idempotency,
            @Value("${interlink.attachments.max-bytes:26214400}") long maxBytes) {
        this.writes = writes;
        this.accounts = accounts;
        this.idempotency = idempotency;
        this.maxBytes = maxBytes;
    }

    @Post("/candidates")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<?> createCandidate(
            HttpRequest<?> request,
            Principal principal,
            @Nullable @Body JsonNode body,
            @Nullable @Header(Idempotency.HEADER) String key) {
        ConnectorContext ctx = account(request, principal);
        List<FieldError> errors = new ArrayList<>();
        CandidateInput in = WriteBodies.candidate(body, true, errors);
        writes.writer(ctx.provider()).validate(in, errors);
        check(errors);
        return run(
                request,
                principal,
                ctx,
                key,
                "POST /unified/ats/candidates",
                body,
                () -> HttpResponse.created(writes.createCandidate(ctx, in)));
    }

    @Patch("/candidates/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<?> updateCandidate(
            HttpRequest<?> request,
            Principal principal,
            @PathVariable String id,
            @Nullable @Body JsonNode body,
            @Nullable @Header(Idempotency.HEADER) String key) {
        ConnectorContext ctx = account(request, principal);
        List<FieldError> errors = new ArrayList<>();
        RemoteKey candidate = writes.decode(ctx.provider(), AtsResource.CANDIDATES, id, "/id", errors);
        CandidateInput in = WriteBodies.candidate(body, false, errors);
        writes.writer(ctx.provider()).validate(in, errors);
        check(errors);
        return run(
                request,
                principal,
                ctx,
                key,
                "PATCH /unified/ats/candidates/" + id,
                body,
                () -> HttpResponse.ok(writes.updateCandidate(ctx, candidate, in)));
    }

    @Post("/applications")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<?> createApplication(
            HttpRequest<?> request,
            Principal principal,
            @Nullable @Body JsonNode body,
            @Nullable @Header(Idempotency.HEADER) String key) {
        ConnectorContext ctx = account(request, principal);
        List<FieldError> errors = new ArrayList<>();
        String provider = ctx.provider();
        RemoteKey candidate = null;
        RemoteKey job = null;
        RemoteKey stage = null;
        if (body == null || !body.isObject()) {
            errors.add(new FieldError("", "must be a JSON object {candidate_id, job_id, stage_id?}"));
        } else {
            body.fieldNames().forEachRemaining(f -> {
                if (!List.of("candidate_id", "job_id", "stage_id").contains(f)) {
                    errors.add(new FieldError("/" + f, "is not a field of an application create"));
                }
            });
            candidate = id(body, "candidate_id", true, provider, AtsResource.CANDIDATES, errors);
            job = id(body, "job_id", true, provider, AtsResource.JOBS, errors);
            stage = id(body, "stage_id", false, provider, AtsResource.JOB_INTERVIEW_STAGES, errors);
        }
        check(errors);
        RemoteKey c = candidate, j = job, s = stage;
        return run(
                request,
                principal,
                ctx,
                key,
                "POST /unified/ats/applications",
                body,
                () -> HttpResponse.created(writes.createApplication(ctx, c, j, s)));
    }

    @Post("/applications/{id}/move-stage")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<?> moveStage(
            HttpRequest<?> request,
            Principal principal,
            @PathVariable String id,
            @Nullable @Body JsonNode body,
            @Nullable @Header(Idempotency.HEADER) String key) {
        ConnectorContext ctx = account(request, principal);
        List<FieldError> errors = new ArrayList<>();
        String provider = ctx.provider();
        RemoteKey application = writes.decode(provider, AtsResource.APPLICATIONS, id, "/id", errors);
        RemoteKey stage = null;
        boolean suppress = false;
        if (body == null || !body.isObject()) {
            errors.add(new FieldError("", "must be a JSON object {stage_id, suppress_triggers?}"));
        } else {
            body.fieldNames().forEachRemaining(f -> {
                if (!List.of("stage_id", "suppress_triggers").contains(f)) {
                    errors.add(new FieldError("/" + f, "is not a field of move-stage"));
                }
            });
            stage = id(body, "stage_id", true, provider, AtsResource.JOB_INTERVIEW_STAGES, errors);
            JsonNode st = body.get("suppress_triggers");
            if (st != null && !st.isNull() && !st.isBoolean()) {
                errors.add(new FieldError("/suppress_triggers", "must be a boolean"));
            }
            suppress = st != null && st.asBoolean(false);
            writes.writer(provider).validateMove(suppress, errors);
        }
        check(errors);
        RemoteKey s = stage;
        boolean sup = suppress;
        return run(
                request,
                principal,
                ctx,
                key,
                "POST /unified/ats/applications/" + id + "/move-stage",
                body,
                () -> HttpResponse.ok(writes.moveStage(ctx, application, s, sup)));
    }

    @Post("/applications/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<?> reject(
            HttpRequest<?> request,
            Principal principal,
            @PathVariable String id,
            @Nullable @Body JsonNode body,
            @Nullable @Header(Idempotency.HEADER) String key) {
        ConnectorContext ctx = account(request, principal);
        if (!writes.writer(ctx.provider()).canReject()) {
            throw ApiProblem.of(
                    ErrorCode.INTEGRATION_ACTION_NOT_SUPPORTED,
                    "Rejecting an application is not supported by this provider: " + ctx.displayName()
                            + "'s API has no call that records a rejection (see the account's capabilities)");
        }
        List<FieldError> errors = new ArrayList<>();
        String provider = ctx.provider();
        RemoteKey application = writes.decode(provider, AtsResource.APPLICATIONS, id, "/id", errors);
        RemoteKey reason = null;
        String note = null;
        if (body != null && !body.isObject()) {
            errors.add(new FieldError("", "must be a JSON object {rejection_reason_id?, note?}"));
        } else if (body != null) {
            body.fieldNames().forEachRemaining(f -> {
                if (!List.of("rejection_reason_id", "note").contains(f)) {
                    errors.add(new FieldError("/" + f, "is not a field of reject"));
                }
            });
            reason = id(body, "rejection_reason_id", false, provider, AtsResource.REJECTION_REASONS, errors);
            JsonNode n = body.get("note");
            if (n != null && !n.isNull() && !n.isTextual()) errors.add(new FieldError("/note", "must be a string"));
            else if (n != null && n.isTextual()) {
                note = n.asText();
                if (note.length() > MAX_NOTE) {
                    errors.add(new FieldError("/note", "is longer than " + MAX_NOTE + " characters"));
                }
            }
        }
        check(errors);
        RemoteKey r = reason;
        String n = note;
        return run(
                request,
                principal,
                ctx,
                key,
                "POST /unified/ats/applications/" + id + "/reject",
                body,
                () -> HttpResponse.ok(writes.reject(ctx, application, r, n)));
    }

    @Post("/candidates/{id}/attachments")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public HttpResponse<?> uploadMultipart(
            HttpRequest<?> request,
            Principal principal,
            @PathVariable String id,
            @Nullable @Part("file") CompletedFileUpload file,
            @Nullable @Part("type") String type,
            @Nullable @Header(Idempotency.HEADER) String key) {
        ConnectorContext ctx = account(request, principal);
        List<FieldError> errors = new ArrayList<>();
        RemoteKey candidate = writes.decode(ctx.provider(), AtsResource.CANDIDATES, id, "/id", errors);
        String t = attachmentType(type, errors);
        AtsWriter.FileInput input = null;
        if (file == null) {
            errors.add(new FieldError("/file", "is required (a multipart file part)"));
        } else {
            if (file.getSize() > maxBytes) throw tooLarge(file.getSize());
            String name = file.getFilename() == null || file.getFilename().isBlank() ? null : file.getFilename();
            if (name == null) errors.add(new FieldError("/file", "needs a filename"));
            String ct = file.getContentType().map(MediaType::toString).orElse(null);
            if (ct == null || ct.equals(MediaType.APPLICATION_OCTET_STREAM)) ct = Enums.contentTypeFromName(name);
            if (!MediaTypes.isValid(ct)) {
                errors.add(new FieldError("/file", "has a Content-Type that is not a valid media type (type/subtype)"));
            }
            try {
                input = new AtsWriter.FileInput(name, ct, t, file.getBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (input.data().length == 0) errors.add(new FieldError("/file", "is empty"));
        }
        check(errors);
        return upload(request, principal, ctx, key, id, candidate, input);
    }

    @Post("/candidates/{id}/attachments")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<?> uploadJson(
            HttpRequest<?> request,
            Principal principal,
            @PathVariable String id,
            @Nullable @Body byte[] body,
            @Nullable @Header(Idempotency.HEADER) String key) {
        ConnectorContext ctx = account(request, principal);
        List<FieldError> errors = new ArrayList<>();
        RemoteKey candidate = writes.decode(ctx.provider(), AtsResource.CANDIDATES, id, "/id", errors);
        AtsWriter.FileInput input = null;
        Base64Upload.Parsed parsed = Base64Upload.parse(body, maxBytes, errors);
        if (parsed.tooLarge() >= 0) throw tooLarge(parsed.tooLarge());
        if (parsed.fields() == null) {
            errors.add(new FieldError("", "must be a JSON object {file_name, content_type, type, data (base64)}"));
        } else {
            JsonNode fields = parsed.fields();
            fields.fieldNames().forEachRemaining(f -> {
                if (!List.of("file_name", "content_type", "type").contains(f)) {
                    errors.add(new FieldError("/" + f, "is not a field of an attachment upload"));
                }
            });
            String name = WriteBodies.text(fields, "file_name", true, errors);
            String ct = WriteBodies.text(fields, "content_type", false, errors);
            if (ct != null && !ct.isBlank() && !MediaTypes.isValid(ct)) {
                errors.add(new FieldError(
                        "/content_type",
                        "must be a media type such as application/pdf (type/subtype, optional ;params)"));
            }
            String t = attachmentType(
                    fields.path("type").isTextual() ? fields.get("type").asText() : null, errors);
            if (fields.has("type") && !fields.get("type").isTextual())
                errors.add(new FieldError("/type", "must be a string"));
            byte[] data = parsed.data();
            if (data != null && data.length == 0) errors.add(new FieldError("/data", "is empty"));
            if (errors.isEmpty()) {
                input = new AtsWriter.FileInput(
                        name, ct == null || ct.isBlank() ? Enums.contentTypeFromName(name) : ct, t, data);
            }
        }
        check(errors);
        return upload(request, principal, ctx, key, id, candidate, input);
    }

    /** Both upload forms end the same way: the validated file goes to the provider under the idempotency key. */
    private HttpResponse<?> upload(
            HttpRequest<?> request,
            Principal principal,
            ConnectorContext ctx,
            @Nullable String key,
            String id,
            RemoteKey candidate,
            AtsWriter.FileInput in) {
        return run(
                request,
                principal,
                ctx,
                key,
                "POST /unified/ats/candidates/" + id + "/attachments",
                fingerprint(in),
                () -> HttpResponse.created(writes.upload(ctx, candidate, in)));
    }

    ConnectorContext account(HttpRequest<?> request, Principal principal) {
        return accounts.resolve(principal, AccountSelection.accountId(request));
    }

    HttpResponse<?> run(
            HttpRequest<?> request,
            Principal principal,
            ConnectorContext ctx,
            String key,
            String operation,
            Object body,
            Supplier<MutableHttpResponse<?>> action) {
        long start = System.nanoTime();
        try {
            HttpResponse<?> response = idempotency.execute(
                    principal.tenantId(), key, operation + " account=" + ctx.accountId(), body, action);
            if (response instanceof MutableHttpResponse<?> m) {
                AccountSelection.timed(m, request, ctx, start);
            }
            return response;
        } finally {
            AccountSelection.record(request, ctx);
        }
    }

    RemoteKey id(
            JsonNode body, String field, boolean required, String provider, AtsResource r, List<FieldError> errors) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) errors.add(new FieldError("/" + field, "is required"));
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new FieldError("/" + field, "must be a string id"));
            return null;
        }
        return writes.decode(provider, r, v.asText(), "/" + field, errors);
    }

    static String attachmentType(String type, List<FieldError> errors) {
        if (type == null || type.isBlank()) {
            errors.add(new FieldError("/type", "is required: RESUME, COVER_LETTER or OTHER"));
            return null;
        }
        if (!WriteBodies.ATTACHMENT_TYPES.contains(type)) {
            errors.add(new FieldError("/type", "must be RESUME, COVER_LETTER or OTHER"));
            return null;
        }
        return type;
    }

    ApiProblem tooLarge(long size) {
        return ApiProblem.of(
                        ErrorCode.PLATFORM_PAYLOAD_TOO_LARGE,
                        "The file is " + size + " bytes; the limit is " + maxBytes + " bytes")
                .with("max_bytes", maxBytes);
    }

    /** What identifies an upload for Idempotency-Key: the metadata and a hash of the bytes, not the bytes. */
    static Map<String, Object> fingerprint(AtsWriter.FileInput in) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file_name", in.fileName());
        m.put("content_type", in.contentType());
        m.put("type", in.type());
        m.put("sha256", Base64Upload.sha256OfBase64(in.data()));
        return m;
    }

    static void check(List<FieldError> errors) {
        if (!errors.isEmpty()) throw ApiProblem.invalid(errors);
    }
}
