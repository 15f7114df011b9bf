package dev.interlink.platform.provider.http;

/**
 * The order of the outbound pipeline, outermost first, in one place:
 *
 * <pre>
 * classify     provider errors become problems (after everything below had its chance)
 * auth         credentials on every attempt; a 401/403 goes back through the auth seam (API key: re-auth needed;
 *              OAuth 2.0: one forced refresh and one retry)
 * retry        429 and transient failures, by the catalog's rules
 * rate budget  every attempt takes a slot of the account's cluster-wide budget (package ratelimit)
 * trace        a client span per attempt and the W3C traceparent on the call (package observability)
 * timing       the provider's own time (X-Remote-Duration-Ms)
 * transport    Apache HttpClient 5 classic (blocking on the request thread), with connect and response timeouts
 * </pre>
 *
 * Retries sit inside auth so that a retried attempt carries the same credentials, and outside the budget so that
 * every attempt is paid for.
 */
public final class PipelineOrder {
    public static final int CLASSIFY = 100;
    public static final int AUTH = 200;
    public static final int RETRY = 300;
    public static final int RATE_BUDGET = 400;
    public static final int TRACE = 450;
    public static final int TIMING = 500;
    public static final int TRANSPORT = 1000;

    private PipelineOrder() {}
}
