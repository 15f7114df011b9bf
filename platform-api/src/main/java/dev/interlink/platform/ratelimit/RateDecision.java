package dev.interlink.platform.ratelimit;

/**
 * The outcome of asking for one call: allowed or not, and what to tell the caller about the budget
 * ({@code X-Remote-RateLimit-*}); {@code waitMillis} is how long until a call would be allowed.
 */
public record RateDecision(boolean allowed, int limit, int remaining, long resetSeconds, long waitMillis) {}
