package dev.interlink.platform.webhook;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One delivery of one event to one endpoint, with its attempts. {@code request} (headers of the latest attempt,
 * signature included, and the body) is filled only by {@code GET /webhook-deliveries/{id}}.
 */
public record Delivery(
        UUID id,
        @JsonIgnore UUID tenantId,
        String eventId,
        String eventType,
        UUID endpointId,
        String status,
        int attemptCount,
        @Nullable Instant nextAttemptAt,
        @Nullable Integer lastStatusCode,
        @Nullable String lastError,
        Instant createdAt,
        Instant updatedAt,
        List<Attempt> attempts,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Request request) {
    public static final String PENDING = "pending";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    /** One HTTP attempt. */
    public record Attempt(
            Instant attemptedAt,
            @Nullable Integer statusCode,
            long durationMs,
            @Nullable String responseExcerpt,
            @Nullable String error,
            @JsonIgnore Map<String, String> requestHeaders) {}

    /** What was sent: the headers of the latest attempt and the exact body. */
    public record Request(@Nullable Map<String, String> headers, String body) {}

    Delivery withAttempts(List<Attempt> list) {
        return new Delivery(
                id,
                tenantId,
                eventId,
                eventType,
                endpointId,
                status,
                attemptCount,
                nextAttemptAt,
                lastStatusCode,
                lastError,
                createdAt,
                updatedAt,
                list,
                request);
    }

    Delivery withRequest(Request r) {
        return new Delivery(
                id,
                tenantId,
                eventId,
                eventType,
                endpointId,
                status,
                attemptCount,
                nextAttemptAt,
                lastStatusCode,
                lastError,
                createdAt,
                updatedAt,
                attempts,
                r);
    }
}
