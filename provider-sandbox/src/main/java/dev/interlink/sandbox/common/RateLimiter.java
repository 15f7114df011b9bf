package dev.interlink.sandbox.common;

/** Per-account throttle; implementations are synchronized (a few hundred ns per request). */
public interface RateLimiter {
    /** A decision: allowed or not, with the numbers the provider exposes in headers. */
    record Decision(boolean allowed, long limit, long remaining, long retryAfterSeconds) {}

    Decision acquire(long nowMillis);

    /** Describes the current configuration for the control API. */
    java.util.Map<String, Object> describe();
}
