package dev.interlink.platform.imports;

import dev.interlink.platform.ratelimit.RatePolicy;
import java.time.Duration;
import java.time.Instant;

/**
 * When a run should end, honestly: the larger of what its own pace so far predicts and what the provider budget
 * allows. A CATS account answers 500 requests an hour; at a 50% share an import may take 250 pages an hour, so
 * 100,000 candidates (1,000 pages of 100) take four hours however fast the pages come, and the ETA says so.
 */
final class Eta {
    private Eta() {}

    /**
     * @param done records read so far
     * @param total the provider's count (null: unknown, then no ETA)
     * @param pageSize records per page
     * @param working time spent reading pages so far
     * @param policy the provider's limit as counted (null: none)
     * @param share the run's share of that limit
     */
    static Instant estimate(
            Instant now, long done, Long total, int pageSize, Duration working, RatePolicy policy, double share) {
        if (total == null) return null;
        long left = Math.max(0, total - done);
        if (left == 0) return now;
        long pagesLeft = (left + pageSize - 1) / pageSize;
        double paceSeconds = done == 0 ? 0 : working.toMillis() / 1000.0 * left / done;
        double budgetSeconds = 0;
        if (policy != null && policy.kind() == RatePolicy.Kind.SLIDING_WINDOW) {
            double pagesPerSecond = policy.limit() * share / policy.window().toSeconds();
            budgetSeconds = pagesLeft / pagesPerSecond;
        } else if (policy != null) {
            budgetSeconds = pagesLeft / (policy.ratePerSecond() * share);
        }
        return now.plusMillis((long) (1000 * Math.max(paceSeconds, budgetSeconds)));
    }
}
