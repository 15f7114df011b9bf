package dev.interlink.admin.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What platform-api answers, as the admin UI reads it (snake_case JSON; unknown fields are ignored). */
public final class Dtos {
    private Dtos() {}

    /** {@code POST /admin/sessions}. */
    public record Session(String accessToken, long expiresIn, String tenantDisplayName, String email) {}

    /** {@code GET/PATCH /tenant}. */
    public record TenantSettings(UUID id, String name, String displayName, List<String> allowedOrigins) {}

    /** {@code GET /api-clients}. */
    public record ApiClient(
            UUID id, String clientId, String name, List<String> scopes, Instant createdAt, Instant revokedAt) {
        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /** {@code POST /api-clients}: the secret exists only in this answer. */
    public record CreatedClient(ApiClient client, String clientSecret) {}

    /** {@code GET /integrated-accounts[/{id}]}. */
    public record Account(
            UUID id,
            String provider,
            String endUserId,
            String endUserName,
            String endUserEmail,
            String status,
            String statusReason,
            Instant statusChangedAt,
            Instant createdAt,
            Instant lastUsedAt,
            List<StatusChange> statusHistory) {
        public String endUserLabel() {
            return endUserName == null || endUserName.isBlank() ? endUserId : endUserName + " (" + endUserId + ")";
        }
    }

    public record StatusChange(String status, String reason, Instant changedAt) {}

    /** A page of a cursor-paginated list: {@code {result, next_cursor}}. */
    public record Page<T>(List<T> result, String nextCursor) {}

    /** Filters of the accounts list; null means "any". {@code newestFirst} is the sort on created_at. */
    public record AccountQuery(String provider, String status, String endUserId, String text, boolean newestFirst) {
        public static AccountQuery all() {
            return new AccountQuery(null, null, null, null, true);
        }
    }

    /** {@code POST /link-tokens}. */
    public record LinkToken(String linkToken, String linkUrl, Instant expiresAt) {}

    /** {@code GET /logs}. Never bodies, headers or secrets: the API does not store them. */
    public record RequestLog(
            long id,
            UUID accountId,
            String method,
            String route,
            int status,
            int durationMs,
            Integer remoteDurationMs,
            String requestId,
            Instant createdAt) {
        /** Time spent in Interlink itself: total minus the provider's share. */
        public Integer platformMs() {
            return remoteDurationMs == null ? durationMs : Math.max(0, durationMs - remoteDurationMs);
        }
    }

    /** Filters of the request log; null means "any". {@code status} is a class like "4xx" or a code like "404". */
    public record LogQuery(UUID accountId, String status, String route, Instant since, Instant until) {
        public static LogQuery all() {
            return new LogQuery(null, null, null, null, null);
        }
    }

    /** {@code GET /admin/overview}. */
    public record Overview(
            List<AccountCount> accounts,
            List<AccountNeedingReauth> needsReauth,
            List<Bucket> last24Hours,
            List<Bucket> last7Days) {}

    public record AccountCount(String provider, String status, long count) {}

    public record AccountNeedingReauth(
            UUID id, String provider, String endUserId, String endUserName, String statusReason, Instant statusChangedAt) {}

    public record Bucket(Instant start, long requests, long errors) {}

    public record FieldError(String pointer, String detail) {}
}
