package dev.interlink.platform.changes;

import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.catalog.Catalog;
import dev.interlink.platform.provider.catalog.ProviderDefinition;
import dev.interlink.platform.ratelimit.RateBuckets;
import dev.interlink.platform.ratelimit.RatePolicy;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Keeps the poller to its share of an account's provider budget ({@code interlink.changes.max-budget-share},
 * default 0.5): the poller draws from the same cluster-wide bucket as the tenant's own calls (RateBudgetStep), and
 * before each page it reads what is left; when taking the page would leave less than the reserved part
 * ({@code (1 - share) × limit}), it waits for a fast-refilling token bucket (a few per second) up to
 * {@code interlink.changes.max-budget-wait} (5 s), or stops the poll (a rolling window refilling over an hour) and leaves the rest to
 * the next tick. On a token bucket it also paces itself to {@code share × rate}.
 */
@Singleton
public class BudgetShare {
    private final RateBuckets buckets;
    private final Catalog catalog;
    private final double share;
    private final Duration maxWait;

    BudgetShare(
            RateBuckets buckets,
            Catalog catalog,
            @Value("${interlink.changes.max-budget-share:0.5}") double share,
            @Value("${interlink.changes.max-budget-wait:5s}") Duration maxWait) {
        if (share <= 0 || share > 1) {
            throw new IllegalArgumentException("interlink.changes.max-budget-share must be in (0, 1]");
        }
        this.buckets = buckets;
        this.catalog = catalog;
        this.share = share;
        this.maxWait = maxWait;
    }

    /** The budget of one poll of one account. */
    Budget open(ConnectorContext ctx) {
        return open(ctx, share);
    }

    /** The budget of other background work on one account (an import run) with its own share, in (0, 1]. */
    public Budget open(ConnectorContext ctx, double share) {
        if (share <= 0 || share > 1) throw new IllegalArgumentException("a budget share must be in (0, 1]");
        RatePolicy policy = catalog.find(ctx.provider())
                .map(ProviderDefinition::rateLimit)
                .map(r -> counted(RatePolicy.of(r)))
                .orElse(null);
        return new Budget(ctx, policy, share);
    }

    /**
     * The policy as RateBudgetStep counts it (its safety margin: a sliding window holds calls 2 s longer, a token
     * bucket keeps one token back), so that "remaining" here is the remaining the next call will see.
     */
    static RatePolicy counted(RatePolicy p) {
        return p.kind() == RatePolicy.Kind.TOKEN_BUCKET
                ? RatePolicy.tokenBucket(p.ratePerSecond() * 0.995, Math.max(1, p.burst() - 1))
                : RatePolicy.slidingWindow(p.limit(), p.window().plusSeconds(2));
    }

    public final class Budget {
        private final ConnectorContext ctx;
        private final RatePolicy policy;
        private final double share;
        private final String key;
        final int limit;
        final int reserved;
        final Integer remainingAtStart;
        private long callsBefore;
        private final long startedNanos = System.nanoTime();
        private long perStep = 1;

        Budget(ConnectorContext ctx, RatePolicy policy, double share) {
            this.ctx = ctx;
            this.policy = policy;
            this.share = share;
            this.key = ctx.provider() + ":" + ctx.accountId();
            this.limit = policy == null ? 0 : policy.limit();
            this.reserved = policy == null ? 0 : (int) Math.ceil(limit * (1 - share));
            this.remainingAtStart = policy == null ? null : buckets.remaining(key, policy);
            this.callsBefore = ctx.providerCalls();
        }

        /**
         * Before one step (a page): true when the step's likely cost (the most a step has cost so far) still
         * leaves the reserve untouched, after waiting for a token bucket to refill if that is quick.
         */
        public boolean allowsNextStep() {
            long spent = ctx.providerCalls() - callsBefore;
            perStep = Math.max(perStep, spent);
            callsBefore = ctx.providerCalls();
            if (policy == null) return true;
            long deadline = System.nanoTime() + maxWait.toNanos();
            if (policy.kind() == RatePolicy.Kind.TOKEN_BUCKET && !paced(deadline)) return false;
            while (true) {
                int remaining = buckets.remaining(key, policy);
                // a token bucket refills while a step runs (and a tenant call waits up to the rate limiter's wait
                // budget), so there one token above the reserve is enough; a window must hold the whole step
                long need = policy.kind() == RatePolicy.Kind.TOKEN_BUCKET ? 1 : perStep;
                long missing = reserved + need - remaining;
                if (missing <= 0) return true;
                if (policy.kind() != RatePolicy.Kind.TOKEN_BUCKET) return false;
                long waitMs = (long) Math.ceil(missing * 1000 / policy.ratePerSecond());
                if (System.nanoTime() + waitMs * 1_000_000 > deadline) return false;
                sleep(waitMs);
            }
        }

        /**
         * A token bucket refills: without pacing, an idle tenant's whole refill would go to the poller. So the
         * poller also keeps to {@code share × rate} over the poll, on top of the burst above the reserve.
         */
        private boolean paced(long deadline) {
            while (true) {
                double elapsed = (System.nanoTime() - startedNanos) / 1e9;
                double allowance = (limit - reserved) + share * policy.ratePerSecond() * elapsed;
                double over = calls() + 1 - allowance;
                if (over <= 0) return true;
                long waitMs = (long) Math.ceil(over * 1000 / (share * policy.ratePerSecond()));
                if (System.nanoTime() + waitMs * 1_000_000 > deadline) return false;
                sleep(waitMs);
            }
        }

        public int calls() {
            return (int) ctx.providerCalls();
        }

        /** The provider's limit as counted, or null when it has none. */
        public RatePolicy policy() {
            return policy;
        }

        /** What is left of the provider's budget now (one lookup), or null without a limit. */
        public Integer remaining() {
            return policy == null ? null : buckets.remaining(key, policy);
        }

        /** The part of the budget this work leaves to the tenant's own calls. */
        public int reserved() {
            return reserved;
        }

        /** The share of the provider's rate this work may use on average. */
        public double share() {
            return share;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(Math.max(1, ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the budget share", e);
        }
    }
}
