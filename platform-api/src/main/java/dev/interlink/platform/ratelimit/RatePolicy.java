package dev.interlink.platform.ratelimit;

import dev.interlink.platform.provider.catalog.RateLimit;
import java.time.Duration;

/**
 * A provider's request budget for one account, as its catalog entry states it.
 *
 * <ul>
 *   <li>{@link Kind#SLIDING_WINDOW}: at most {@code limit} calls in any rolling {@code window} (CATS: 500 per
 *       hour). Enforced exactly, because the provider counts a rolling window.
 *   <li>{@link Kind#TOKEN_BUCKET}: {@code ratePerSecond} sustained, bursts up to {@code burst} (Loxo: 4/s, 10).
 * </ul>
 */
public record RatePolicy(Kind kind, int limit, Duration window, double ratePerSecond, int burst) {
    public enum Kind {
        SLIDING_WINDOW,
        TOKEN_BUCKET
    }

    /** The budget a catalog entry states. */
    public static RatePolicy of(RateLimit r) {
        return RateLimit.SLIDING_WINDOW.equals(r.policy())
                ? slidingWindow(r.limit(), r.window())
                : tokenBucket(r.ratePerSecond(), r.burst());
    }

    public static RatePolicy slidingWindow(int limit, Duration window) {
        return new RatePolicy(Kind.SLIDING_WINDOW, limit, window, 0, 0);
    }

    public static RatePolicy tokenBucket(double ratePerSecond, int burst) {
        return new RatePolicy(
                Kind.TOKEN_BUCKET,
                burst,
                Duration.ofMillis((long) (1000 * burst / ratePerSecond)),
                ratePerSecond,
                burst);
    }
}
