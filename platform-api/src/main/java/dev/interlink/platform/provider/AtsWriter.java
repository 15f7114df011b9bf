package dev.interlink.platform.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.FieldError;
import dev.interlink.platform.provider.http.RawResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The write side of a provider, kept apart from the read SPI {@link AtsConnector}: one stateless singleton per provider
 * ({@code @Singleton @Named("<provider id>")}). Inputs arrive already validated (unified ids decoded to remote keys);
 * a writer only says which provider calls carry them out and in which encoding. Returns remote keys; the platform
 * reads the record back through the read path (and checks that what was written was stored).
 *
 * <p>Writers never retry (the shared pipeline retries only idempotent calls and 429s) and never report a provider's
 * "success that stored nothing" as success: they throw a problem instead.
 */
public interface AtsWriter {
    String id();

    /**
     * Adds to {@code errors} what this provider cannot take in {@code in} (fields it cannot write, custom field keys in
     * the wrong form), before any call. Pointers are JSON pointers into the request body.
     */
    default void validate(CandidateInput in, List<FieldError> errors) {}

    /**
     * Adds to {@code errors} what this provider cannot honour in a stage move, before any call (a provider with no
     * trigger switch refuses {@code suppress_triggers: true} rather than ignore it).
     */
    default void validateMove(boolean suppressTriggers, List<FieldError> errors) {}

    /** Creates a candidate; returns its remote id. */
    String createCandidate(ConnectorContext ctx, CandidateInput in);

    /** Updates the fields present in {@code in} (emails/phones/urls given are added when missing). */
    void updateCandidate(ConnectorContext ctx, String candidateId, CandidateInput in);

    /** Puts a candidate on a job (optionally straight into {@code stage}); returns the application's remote key. */
    RemoteKey createApplication(ConnectorContext ctx, String candidateId, String jobId, RemoteKey stage);

    /**
     * Validates {@code stage} against the application's job workflow (reads only) and moves it; throws
     * {@code ATS.STAGE_NOT_IN_JOB_WORKFLOW} / {@code ATS.STAGE_TRANSITION_NOT_ALLOWED} before any write.
     */
    void moveStage(ConnectorContext ctx, RemoteKey application, RemoteKey stage, boolean suppressTriggers);

    /** Whether {@link #reject} is implemented (the route answers "not supported by this provider" before any call). */
    default boolean canReject() {
        return false;
    }

    /**
     * Rejects the application with {@code reason} (a key of the provider's {@code rejection_reasons}, or null for the
     * provider's default) and an optional note; throws a field problem on {@code /rejection_reason_id} before any write
     * when the reason does not apply to this application.
     */
    default void reject(ConnectorContext ctx, RemoteKey application, RemoteKey reason, String note) {
        throw ApiProblem.of(ErrorCode.INTEGRATION_ACTION_NOT_SUPPORTED, "Rejecting is not supported by this provider");
    }

    /** Uploads a file to a candidate; returns the attachment's remote key, or null when the provider does not say. */
    RemoteKey uploadAttachment(ConnectorContext ctx, String candidateId, FileInput file);

    /** The unified candidate fields of a write. {@code present} names the top-level fields the body carried. */
    record CandidateInput(
            String firstName,
            String lastName,
            String title,
            String companyName,
            List<EmailInput> emails,
            List<PhoneInput> phones,
            List<UrlInput> urls,
            List<String> tags,
            Map<String, JsonNode> customFields,
            java.util.Set<String> present) {
        public boolean has(String field) {
            return present.contains(field);
        }
    }

    record EmailInput(String email, String type, boolean isPrimary) {}

    record PhoneInput(String number, String extension, String type) {}

    record UrlInput(String url, String type) {}

    /** type: RESUME | COVER_LETTER | OTHER. */
    record FileInput(String fileName, String contentType, String type, byte[] data) {}

    /** Reads a whole JSON body; an empty body is {@link NullNode}. */
    static JsonNode json(RawResponse response) {
        byte[] body = response.readAll();
        if (body.length == 0) return NullNode.getInstance();
        try {
            JsonNode n = ConnectorContext.JSON.readTree(body);
            return n == null ? NullNode.getInstance() : n;
        } catch (IOException e) {
            return NullNode.getInstance();
        }
    }

    /** The last path segment of a {@code Location} header (CATS creates answer 201, empty body, Location). */
    static String idFromLocation(RawResponse response) {
        String location = response.header("Location");
        if (location == null || location.isBlank()) return null;
        String l = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        int q = l.indexOf('?');
        if (q >= 0) l = l.substring(0, q);
        String id = l.substring(l.lastIndexOf('/') + 1);
        return id.matches("[A-Za-z0-9_-]{1,64}") ? id : null;
    }
}
