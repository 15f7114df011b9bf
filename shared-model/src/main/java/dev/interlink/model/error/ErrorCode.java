package dev.interlink.model.error;

/**
 * Every stable error code Interlink answers with, its HTTP status and a default title. Codes are part of
 * the public contract (clients switch on them): never rename one, only add.
 */
public enum ErrorCode {
    PLATFORM_AUTHENTICATION_INVALID("PLATFORM.AUTHENTICATION_INVALID", 401, "Authentication failed"),
    PLATFORM_FORBIDDEN("PLATFORM.FORBIDDEN", 403, "The token lacks the scope this route needs"),
    PLATFORM_NOT_FOUND("PLATFORM.NOT_FOUND", 404, "Not found"),
    PLATFORM_METHOD_NOT_ALLOWED("PLATFORM.METHOD_NOT_ALLOWED", 405, "Method not allowed"),
    PLATFORM_UNSUPPORTED_MEDIA_TYPE("PLATFORM.UNSUPPORTED_MEDIA_TYPE", 415, "Unsupported media type"),
    PLATFORM_PAYLOAD_TOO_LARGE("PLATFORM.PAYLOAD_TOO_LARGE", 413, "The request body is too large"),
    PLATFORM_RATE_LIMIT_EXCEEDED("PLATFORM.RATE_LIMIT_EXCEEDED", 429, "Too many requests"),
    PLATFORM_INPUT_INVALID("PLATFORM.INPUT_INVALID", 400, "The request is invalid"),
    PLATFORM_CURSOR_INVALID("PLATFORM.CURSOR_INVALID", 400, "The cursor is invalid"),
    PLATFORM_IDEMPOTENCY_CONFLICT("PLATFORM.IDEMPOTENCY_CONFLICT", 409, "Idempotency key reused with another body"),
    PLATFORM_INTERNAL_ERROR("PLATFORM.INTERNAL_ERROR", 500, "Internal error"),
    PLATFORM_UNAVAILABLE("PLATFORM.UNAVAILABLE", 503, "Service unavailable"),
    PLATFORM_SCOPE_NOT_HELD("PLATFORM.SCOPE_NOT_HELD", 403, "A principal can only grant scopes it holds"),
    PLATFORM_LIMIT_REACHED("PLATFORM.LIMIT_REACHED", 409, "A per-tenant limit is reached"),
    PLATFORM_SIGN_IN_THROTTLED("PLATFORM.SIGN_IN_THROTTLED", 429, "Too many sign-in attempts; wait and retry"),

    OAUTH_INVALID_CLIENT("OAUTH.INVALID_CLIENT", 401, "Client authentication failed"),
    OAUTH_INVALID_REQUEST("OAUTH.INVALID_REQUEST", 400, "Invalid token request"),
    OAUTH_UNSUPPORTED_GRANT_TYPE("OAUTH.UNSUPPORTED_GRANT_TYPE", 400, "Unsupported grant type"),
    OAUTH_INVALID_SCOPE("OAUTH.INVALID_SCOPE", 400, "Invalid scope"),
    OAUTH_CONSENT_DENIED("OAUTH.CONSENT_DENIED", 403, "The authorization was denied at the provider"),
    OAUTH_AUTHORIZATION_FAILED("OAUTH.AUTHORIZATION_FAILED", 400, "The provider did not authorize the request"),

    LINK_TOKEN_INVALID("LINK.TOKEN_INVALID", 401, "This link is not valid"),
    LINK_TOKEN_EXPIRED("LINK.TOKEN_EXPIRED", 401, "This link has expired"),
    LINK_TOKEN_CONSUMED("LINK.TOKEN_CONSUMED", 401, "This link was already used"),
    LINK_PROVIDER_NOT_ALLOWED("LINK.PROVIDER_NOT_ALLOWED", 403, "This provider is not offered by this link"),
    LINK_TOO_MANY_ATTEMPTS("LINK.TOO_MANY_ATTEMPTS", 429, "Too many attempts with this link"),
    LINK_OAUTH_STATE_INVALID(
            "LINK.OAUTH_STATE_INVALID", 400, "This authorization is unknown, expired or was already completed"),
    LINK_OAUTH_CODE_REJECTED("LINK.OAUTH_CODE_REJECTED", 400, "The provider rejected the authorization code"),

    INTEGRATION_ACCOUNT_NOT_FOUND("INTEGRATION.ACCOUNT_NOT_FOUND", 404, "Integrated account not found"),
    INTEGRATION_ACCOUNT_DISABLED("INTEGRATION.ACCOUNT_DISABLED", 409, "The integrated account is disabled"),
    INTEGRATION_REAUTH_REQUIRED("INTEGRATION.REAUTH_REQUIRED", 409, "The integrated account needs re-authorization"),
    INTEGRATION_TOKEN_REFRESH_UNAVAILABLE(
            "INTEGRATION.TOKEN_REFRESH_UNAVAILABLE", 503, "The provider's token endpoint is unavailable; try again"),
    INTEGRATION_CREDENTIALS_INVALID("INTEGRATION.CREDENTIALS_INVALID", 422, "The provider rejected the credentials"),
    INTEGRATION_OAUTH_APP_NOT_CONFIGURED(
            "INTEGRATION.OAUTH_APP_NOT_CONFIGURED", 409, "No OAuth app is configured for this provider"),
    INTEGRATION_PROVIDER_NOT_FOUND("INTEGRATION.PROVIDER_NOT_FOUND", 404, "Unknown provider"),
    INTEGRATION_RESOURCE_NOT_SUPPORTED("INTEGRATION.RESOURCE_NOT_SUPPORTED", 404, "Resource not supported"),
    INTEGRATION_ACTION_NOT_SUPPORTED("INTEGRATION.ACTION_NOT_SUPPORTED", 405, "Action not supported"),
    INTEGRATION_FILTER_NOT_SUPPORTED("INTEGRATION.FILTER_NOT_SUPPORTED", 400, "Filter not supported"),

    REMOTE_RATE_LIMIT_EXCEEDED("REMOTE.RATE_LIMIT_EXCEEDED", 429, "The provider's rate limit was reached"),
    REMOTE_SERVICE_UNAVAILABLE("REMOTE.SERVICE_UNAVAILABLE", 502, "The provider is unavailable"),
    REMOTE_TIMEOUT("REMOTE.TIMEOUT", 504, "The provider did not answer in time"),
    REMOTE_INPUT_INVALID("REMOTE.INPUT_INVALID", 422, "The provider rejected the input"),
    REMOTE_NOT_FOUND("REMOTE.NOT_FOUND", 404, "Not found at the provider"),
    REMOTE_AUTHENTICATION_FAILED("REMOTE.AUTHENTICATION_FAILED", 401, "The provider rejected the credentials"),
    REMOTE_UNKNOWN_HTTP_ERROR("REMOTE.UNKNOWN_HTTP_ERROR", 502, "The provider answered with an unexpected error"),

    WEBHOOK_ENDPOINT_NOT_FOUND("WEBHOOK.ENDPOINT_NOT_FOUND", 404, "Webhook endpoint not found"),
    WEBHOOK_DELIVERY_NOT_FOUND("WEBHOOK.DELIVERY_NOT_FOUND", 404, "Webhook delivery not found"),
    WEBHOOK_ENDPOINT_DISABLED("WEBHOOK.ENDPOINT_DISABLED", 409, "The webhook endpoint is disabled"),

    IMPORT_NOT_FOUND("IMPORT.NOT_FOUND", 404, "Import, run, snapshot, feed or rule not found"),
    IMPORT_RUN_IN_PROGRESS("IMPORT.RUN_IN_PROGRESS", 409, "The import already has a queued or running run"),
    IMPORT_RUN_NOT_CANCELLABLE("IMPORT.RUN_NOT_CANCELLABLE", 409, "The run has already ended"),
    IMPORT_SNAPSHOT_LIMIT_REACHED(
            "IMPORT.SNAPSHOT_LIMIT_REACHED", 409, "The tenant's snapshots hold as many records as they may"),

    ATS_STAGE_NOT_IN_JOB_WORKFLOW("ATS.STAGE_NOT_IN_JOB_WORKFLOW", 400, "The stage is not in the job's workflow"),
    ATS_STAGE_TRANSITION_NOT_ALLOWED("ATS.STAGE_TRANSITION_NOT_ALLOWED", 409, "This stage transition is not allowed"),
    ATS_APPLICATION_ALREADY_EXISTS("ATS.APPLICATION_ALREADY_EXISTS", 409, "The candidate already applied to this job");

    private final String code;
    private final int status;
    private final String title;

    ErrorCode(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
