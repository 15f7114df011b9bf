package dev.interlink.admin.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    /** The tenant's own customer an account belongs to: {@code end_user} of an account. */
    public record EndUser(String id, String name, String email) {}

    /**
     * {@code GET /integrated-accounts[/{id}]}: {@code id, provider, end_user{id,name,email}, status, status_reason,
     * status_changed_at, context, created_at, updated_at, last_used_at}. Never credentials.
     */
    public record Account(
            UUID id,
            String provider,
            EndUser endUser,
            String status,
            String statusReason,
            Instant statusChangedAt,
            Map<String, Object> context,
            Instant createdAt,
            Instant updatedAt,
            Instant lastUsedAt) {
        public String endUserId() {
            return endUser == null ? null : endUser.id();
        }

        public String endUserName() {
            return endUser == null ? null : endUser.name();
        }

        public String endUserEmail() {
            return endUser == null ? null : endUser.email();
        }

        public String endUserLabel() {
            String name = endUserName();
            return name == null || name.isBlank() ? endUserId() : name + " (" + endUserId() + ")";
        }

        /** The accounts screen's free-text search: account id, provider, end user id, name or email. */
        public boolean matches(String text) {
            if (text == null || text.isBlank()) {
                return true;
            }
            String needle = text.strip().toLowerCase(java.util.Locale.ROOT);
            for (String s : new String[] {String.valueOf(id), provider, endUserId(), endUserName(), endUserEmail()}) {
                if (s != null && s.toLowerCase(java.util.Locale.ROOT).contains(needle)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code GET /integrated-accounts/{id}/status-history}: oldest first. */
    /** A provider of the catalog: its id (the filter value) and the name people know it by. */
    public record Integration(String id, String displayName) {}

    public record StatusChange(String status, String reason, Instant changedAt) {}

    /** A page of a cursor-paginated list: {@code {result, next_cursor}}. */
    public record Page<T>(List<T> result, String nextCursor) {}

    /**
     * Filters of the accounts list; null means "any". provider, status and end user are filtered by the API;
     * {@code text} is matched in the UI on the pages read ({@link Account#matches}); {@code newestFirst} is the
     * sort on created_at (the API lists newest first; oldest first reads every page, see CursorPager).
     */
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
            UUID apiClientId,
            UUID accountId,
            String method,
            String route,
            int status,
            long durationMs,
            Long remoteDurationMs,
            String requestId,
            Instant createdAt) {
        /** Time spent in Interlink itself: total minus the provider's share. */
        public long platformMs() {
            return remoteDurationMs == null ? durationMs : Math.max(0, durationMs - remoteDurationMs);
        }
    }

    /**
     * Filters of the request log ({@code account_id, status, route, from, to}); null means "any". {@code status}
     * is a class like "4xx" or a code like "404".
     */
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
            UUID id,
            String provider,
            String endUserId,
            String endUserName,
            String statusReason,
            Instant statusChangedAt) {}

    public record Bucket(Instant start, long requests, long errors) {}

    /** {@code POST /admin/accounts/{id}/test}. */
    public record ConnectionTest(boolean ok, Integer status, String detail, Long remoteDurationMs) {}

    public record FieldError(String pointer, String detail) {}

    /** {@code GET /webhook-event-types}. */
    public record WebhookEventType(String type, String description) {}

    /** {@code GET /webhook-endpoints[/{id}]}: never the secret. */
    public record WebhookEndpoint(
            UUID id,
            String url,
            List<String> eventTypes,
            String description,
            String status,
            String disabledReason,
            Instant previousSecretExpiresAt,
            Instant failingSince,
            Instant createdAt,
            Instant updatedAt) {
        /** The tenant's own reason when it switched the endpoint off (platform-api's wording). */
        public static final String DISABLED_BY_TENANT = "Disabled by the tenant";

        public boolean active() {
            return "active".equals(status);
        }

        /** Disabled by us (410 Gone, or failing for days), not by the tenant: the page shows a notice. */
        public boolean disabledByFailures() {
            return "disabled".equals(status) && disabledReason != null && !DISABLED_BY_TENANT.equals(disabledReason);
        }
    }

    /** {@code POST /webhook-endpoints}: the secret exists only in this answer. */
    public record CreatedWebhookEndpoint(WebhookEndpoint endpoint, String secret) {}

    /** One HTTP attempt of a delivery. */
    public record WebhookAttempt(
            Instant attemptedAt, Integer statusCode, long durationMs, String responseExcerpt, String error) {}

    /** What was sent: the latest attempt's headers (signature, never the secret) and the exact body. */
    public record WebhookRequest(Map<String, String> headers, String body) {}

    /** {@code GET /webhook-endpoints/{id}/deliveries}, {@code GET /webhook-deliveries/{id}} (with request). */
    public record WebhookDelivery(
            UUID id,
            String eventId,
            String eventType,
            UUID endpointId,
            String status,
            int attemptCount,
            Instant nextAttemptAt,
            Integer lastStatusCode,
            String lastError,
            Instant createdAt,
            List<WebhookAttempt> attempts,
            WebhookRequest request) {}

    /** The deliveries screen's filters; null means any. */
    public record DeliveryQuery(String status, String eventType) {}
}
