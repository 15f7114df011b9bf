package dev.interlink.platform.webhook;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When attempt n+1 follows a failed attempt n: Svix's schedule, immediately then 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h, 10 h (8 attempts over about 27.6 hours), each delay stretched by up to {@code jitter} (0.1 = +0..10 %) so
 * the retries of many deliveries that failed together do not arrive together.
 */
public final class RetrySchedule {
    /** Delay before attempt i+2 after attempt i+1 failed. */
    public static final List<Duration> DELAYS = List.of(
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10));

    public static final int MAX_ATTEMPTS = DELAYS.size() + 1;

    private RetrySchedule() {}

    /** The delay after failed attempt {@code attempt} (1-based), or null when it was the last one. */
    public static Duration after(int attempt, double jitter) {
        if (attempt < 1 || attempt >= MAX_ATTEMPTS) {
            return null;
        }
        Duration base = DELAYS.get(attempt - 1);
        long extra =
                (long) (base.toMillis() * jitter * ThreadLocalRandom.current().nextDouble());
        return base.plusMillis(extra);
    }
}
