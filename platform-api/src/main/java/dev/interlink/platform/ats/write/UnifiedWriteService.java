package dev.interlink.platform.ats.write;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.ats.Connectors;
import dev.interlink.platform.ats.UnifiedService;
import dev.interlink.platform.changes.OwnWrites;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.FieldError;
import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.provider.AtsWriter;
import dev.interlink.platform.provider.AtsWriter.CandidateInput;
import dev.interlink.platform.provider.AtsWriter.EmailInput;
import dev.interlink.platform.provider.AtsWriter.PhoneInput;
import dev.interlink.platform.provider.AtsWriter.UrlInput;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.RemoteKey;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The unified writes: the writer call, then the record read back through the read path, then a check that what was
 * written was stored (providers answer success to writes they dropped: see docs/providers/). Validation happens before this.
 */
@Singleton
public class UnifiedWriteService {
    private final Map<String, AtsWriter> writers;
    private final Connectors connectors;
    private final UnifiedService unified;
    private final OwnWrites changes;

    public UnifiedWriteService(
            List<AtsWriter> writers, Connectors connectors, UnifiedService unified, OwnWrites changes) {
        this.writers = writers.stream().collect(Collectors.toUnmodifiableMap(AtsWriter::id, Function.identity()));
        this.connectors = connectors;
        this.unified = unified;
        this.changes = changes;
    }

    public AtsWriter writer(String provider) {
        AtsWriter w = writers.get(provider);
        if (w == null) {
            throw ApiProblem.of(
                    ErrorCode.INTEGRATION_ACTION_NOT_SUPPORTED,
                    "The provider '" + provider + "' has no unified ATS writes");
        }
        return w;
    }

    public int arity(String provider, AtsResource resource) {
        return Connectors.ops(connectors.connector(provider), resource).keyArity();
    }

    /** Decodes a unified id from a body, collecting the error instead of throwing. */
    public RemoteKey decode(String provider, AtsResource resource, String id, String pointer, List<FieldError> errors) {
        try {
            return RemoteKey.decode(id, arity(provider, resource), pointer);
        } catch (ApiProblem p) {
            errors.add(new FieldError(pointer, "is not an id of " + resource.path()));
            return null;
        }
    }

    public JsonNode createCandidate(ConnectorContext ctx, CandidateInput in) {
        String rid = guard(ctx, () -> writer(ctx.provider()).createCandidate(ctx, in));
        JsonNode record = read(ctx, AtsResource.CANDIDATES, RemoteKey.encode(rid));
        verify(ctx, in, record, readsTags(ctx));
        changes.written(ctx, AtsResource.CANDIDATES, record);
        return record;
    }

    public JsonNode updateCandidate(ConnectorContext ctx, RemoteKey key, CandidateInput in) {
        guard(ctx, () -> {
            writer(ctx.provider()).updateCandidate(ctx, key.part(0), in);
            return null;
        });
        JsonNode record = read(ctx, AtsResource.CANDIDATES, key.id());
        verify(ctx, in, record, readsTags(ctx));
        changes.written(ctx, AtsResource.CANDIDATES, record);
        return record;
    }

    public JsonNode createApplication(ConnectorContext ctx, RemoteKey candidate, RemoteKey job, RemoteKey stage) {
        RemoteKey app =
                guard(ctx, () -> writer(ctx.provider()).createApplication(ctx, candidate.part(0), job.part(0), stage));
        JsonNode record = read(ctx, AtsResource.APPLICATIONS, app.id());
        changes.written(ctx, AtsResource.APPLICATIONS, record);
        return record;
    }

    public JsonNode moveStage(ConnectorContext ctx, RemoteKey application, RemoteKey stage, boolean suppress) {
        guard(ctx, () -> {
            writer(ctx.provider()).moveStage(ctx, application, stage, suppress);
            return null;
        });
        JsonNode record = read(ctx, AtsResource.APPLICATIONS, application.id());
        String now = record.at("/current_stage/id").asText(null);
        if (now != null && !now.equals(stage.id())) {
            throw ApiProblem.of(
                            ErrorCode.REMOTE_UNKNOWN_HTTP_ERROR,
                            ctx.displayName() + " accepted the stage move but the application is not in that stage")
                    .with("retryable", false);
        }
        changes.stageMoved(ctx, record);
        return record;
    }

    /** The application read back must be rejected (a withdrawn reason counts): else the provider dropped it. */
    public JsonNode reject(ConnectorContext ctx, RemoteKey application, RemoteKey reason, String note) {
        guard(ctx, () -> {
            writer(ctx.provider()).reject(ctx, application, reason, note);
            return null;
        });
        JsonNode record = read(ctx, AtsResource.APPLICATIONS, application.id());
        String status = record.path("status").asText("");
        if (!status.equals("REJECTED") && !status.equals("WITHDRAWN")) {
            throw ApiProblem.of(
                            ErrorCode.REMOTE_UNKNOWN_HTTP_ERROR,
                            ctx.displayName() + " accepted the rejection but the application is " + status)
                    .with("id", record.path("id").asText(null))
                    .with("retryable", false);
        }
        changes.written(ctx, AtsResource.APPLICATIONS, record);
        return record;
    }

    public JsonNode upload(ConnectorContext ctx, RemoteKey candidate, AtsWriter.FileInput file) {
        RemoteKey key = guard(ctx, () -> writer(ctx.provider()).uploadAttachment(ctx, candidate.part(0), file));
        if (key == null) {
            throw ApiProblem.of(
                            ErrorCode.REMOTE_UNKNOWN_HTTP_ERROR,
                            ctx.displayName() + " answered the upload with success but did not say where the file is")
                    .with("retryable", false);
        }
        JsonNode record = read(ctx, AtsResource.ATTACHMENTS, key.id());
        changes.written(ctx, AtsResource.ATTACHMENTS, record);
        return record;
    }

    /** Whether the provider's candidate read fills {@code tags} (CATS does not: its writer checks its own tags). */
    boolean readsTags(ConnectorContext ctx) {
        return Connectors.ops(connectors.connector(ctx.provider()), AtsResource.CANDIDATES)
                .fields()
                .contains("tags");
    }

    JsonNode read(ConnectorContext ctx, AtsResource resource, String id) {
        return unified.get(ctx, ctx.provider(), resource, id, Map.of()).body();
    }

    /**
     * A write that times out may or may not have happened: it is never retried (RetryStep), and the caller is told
     * so instead of a plain "retry" timeout.
     */
    static <T> T guard(ConnectorContext ctx, Supplier<T> write) {
        try {
            return write.get();
        } catch (ApiProblem p) {
            if (p.code() == ErrorCode.REMOTE_TIMEOUT) {
                throw ApiProblem.of(
                                ErrorCode.REMOTE_TIMEOUT,
                                ctx.displayName()
                                        + " did not answer the write in time; it may or may not have been applied:"
                                        + " read the record before retrying")
                        .with("retryable", false);
            }
            throw p;
        }
    }

    /**
     * Every written value must be in the record read back, and a set given (emails, phones, tags) must be the whole
     * set: what is missing was silently dropped by the provider, what is left over was not removed.
     */
    static void verify(ConnectorContext ctx, CandidateInput in, JsonNode record, boolean checkTags) {
        List<FieldError> missing = new ArrayList<>();
        String name = record.path("name").asText("").toLowerCase(Locale.ROOT);
        if (in.has("first_name")
                && in.firstName() != null
                && !name.contains(in.firstName().toLowerCase(Locale.ROOT))) {
            missing.add(new FieldError("/first_name", "was not stored"));
        }
        if (in.has("last_name")
                && in.lastName() != null
                && !name.contains(in.lastName().toLowerCase(Locale.ROOT))) {
            missing.add(new FieldError("/last_name", "was not stored"));
        }
        if (in.has("title")
                && in.title() != null
                && !in.title().isEmpty()
                && !in.title().equals(record.path("title").asText(null))) {
            missing.add(new FieldError("/title", "was not stored"));
        }
        if (in.has("company_name")
                && in.companyName() != null
                && !in.companyName().isEmpty()
                && !in.companyName().equals(record.path("company_name").asText(null))) {
            missing.add(new FieldError("/company_name", "was not stored"));
        }
        Set<String> emails = new HashSet<>();
        record.path("emails").forEach(e -> emails.add(e.path("email").asText("").toLowerCase(Locale.ROOT)));
        for (int i = 0; i < in.emails().size(); i++) {
            EmailInput e = in.emails().get(i);
            if (!emails.contains(e.email().toLowerCase(Locale.ROOT))) {
                missing.add(new FieldError("/emails/" + i + "/email", "was not stored (" + e.email() + ")"));
            }
        }
        if (in.has("emails")) {
            Set<String> wanted = in.emails().stream()
                    .map(e -> e.email().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());
            emails.stream()
                    .filter(e -> !e.isEmpty() && !wanted.contains(e))
                    .forEach(e -> missing.add(new FieldError("/emails", "still holds " + e + " (not removed)")));
        }
        Set<String> phones = new HashSet<>();
        record.path("phones").forEach(p -> phones.add(digits(p.path("number").asText(""))));
        if (in.has("phones")) {
            Set<String> wanted =
                    in.phones().stream().map(p -> digits(p.number())).collect(Collectors.toSet());
            phones.stream()
                    .filter(p -> !p.isEmpty() && !wanted.contains(p))
                    .forEach(p ->
                            missing.add(new FieldError("/phones", "still holds a number not given (not removed)")));
        }
        if (checkTags && in.has("tags")) {
            Set<String> stored = new HashSet<>();
            record.path("tags")
                    .forEach(t -> stored.add(
                            t.path("name").asText(t.asText("")).trim().toLowerCase(Locale.ROOT)));
            Set<String> wanted = in.tags().stream()
                    .map(t -> t.trim().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());
            if (!stored.equals(wanted)) missing.add(new FieldError("/tags", "was not stored as the given set"));
        }
        for (int i = 0; i < in.phones().size(); i++) {
            PhoneInput p = in.phones().get(i);
            if (!phones.contains(digits(p.number()))) {
                missing.add(new FieldError("/phones/" + i + "/number", "was not stored (" + p.number() + ")"));
            }
        }
        Set<String> urls = new HashSet<>();
        record.path("urls").forEach(u -> urls.add(u.path("url").asText("")));
        for (int i = 0; i < in.urls().size(); i++) {
            UrlInput u = in.urls().get(i);
            if (!urls.contains(u.url())) missing.add(new FieldError("/urls/" + i + "/url", "was not stored"));
        }
        if (!missing.isEmpty()) {
            throw ApiProblem.of(
                            ErrorCode.REMOTE_UNKNOWN_HTTP_ERROR,
                            ctx.displayName() + " answered success but did not store: "
                                    + missing.stream().map(FieldError::pointer).collect(Collectors.joining(", ")))
                    .with("errors", missing)
                    .with("id", record.path("id").asText(null))
                    .with("retryable", false);
        }
    }

    static String digits(String s) {
        return s == null ? "" : s.replaceAll("[^0-9]", "");
    }
}
