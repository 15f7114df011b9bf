package dev.interlink.platform.ratelimit;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's share of the cluster-wide budgets, leased from {@link RateBuckets} in small batches and spent
 * locally (docs/decisions/0072-leased-rate-budgets.md). A busy account costs one PostgreSQL round trip per batch
 * instead of one per provider call; an idle one leases single calls, exactly as before.
 *
 * <p>Why this stays exact across replicas: leased calls are counted in PostgreSQL before any of them is sent. Why it
 * stays safe against the provider's own clock: a lease lives at most {@code lease-lifetime} (250 ms), well inside the
 * 2 s a window's calls are held longer than the provider holds them ({@link RateBudgetStep#withSafetyMargin}), and a
 * token bucket's tokens taken early can only be spent later, when the provider's bucket is fuller. What a lease did
 * not spend is given back when it ends: with the next lease, or by the sweeper for an account gone quiet.
 */
@Singleton
public class RateLeases {
    private static final Logger LOG = LoggerFactory.getLogger(RateLeases.class);

    private final RateBuckets buckets;
    private final Duration lifetime;
    private final int maxBatch;
    private final Map<String, Holder> holders = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    public RateLeases(
            RateBuckets buckets,
            @Value("${interlink.rate-limit.lease-lifetime:250ms}") Duration lifetime,
            @Value("${interlink.rate-limit.lease-max:64}") int maxBatch) {
        this.buckets = buckets;
        this.lifetime = lifetime;
        this.maxBatch = Math.max(1, maxBatch);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rate-lease-sweeper");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(10, lifetime.toMillis());
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /** One call of {@code key}'s budget: from this replica's lease, or a new lease, else waits or answers 429. */
    public RateDecision acquire(String key, RatePolicy policy) {
        Holder holder = holders.computeIfAbsent(key, Holder::new);
        return buckets.acquire(() -> holder.take(policy));
    }

    /**
     * How many calls of {@code key} this replica has spent so far. Read once after a call's decision and again at its
     * answer, the difference is what this replica sent meanwhile, which the provider may have counted before answering.
     */
    public long spends(String key) {
        Holder holder = holders.get(key);
        return holder == null ? 0 : holder.spends;
    }

    /** The provider refused a call (429): what this replica still holds of {@code key}'s budget is not spent. */
    public void drop(String key) {
        Holder holder = holders.get(key);
        if (holder != null) holder.drop();
    }

    /** Gives back what ended leases did not spend, and forgets accounts idle for a minute. */
    void sweep() {
        long now = System.nanoTime();
        holders.values().removeIf(h -> {
            try {
                return h.endIfExpired(now, false) && now - h.lastUsed > 60_000_000_000L;
            } catch (RuntimeException e) {
                LOG.warn(
                        "Unspent rate lease of {} not given back: {}",
                        h.key,
                        e.getClass().getSimpleName());
                return false;
            }
        });
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
        for (Holder h : holders.values()) {
            try {
                h.endIfExpired(Long.MAX_VALUE, true);
            } catch (RuntimeException e) {
                LOG.warn(
                        "Unspent rate lease of {} not given back at shutdown: {}",
                        h.key,
                        e.getClass().getSimpleName());
            }
        }
    }

    /** One account's current lease on this replica; its monitor makes a new lease single-flight. */
    private final class Holder {
        final String key;
        RatePolicy policy;
        RateBuckets.Grant grant;
        int left;
        long expires;
        int nextSize = 1;
        volatile long spends;
        volatile long lastUsed = System.nanoTime();

        Holder(String key) {
            this.key = key;
        }

        synchronized RateDecision take(RatePolicy wanted) {
            long now = System.nanoTime();
            lastUsed = now;
            if (left > 0 && now < expires && wanted.equals(policy)) {
                return spend();
            }
            int back = 0;
            RateBuckets.Grant previous = null;
            if (grant != null && wanted.equals(policy)) {
                // sized by demand: a lease used up before it ended doubles, one that ended unspent shrinks to its use
                nextSize = left == 0 ? Math.min(maxBatch, nextSize * 2) : Math.max(1, grant.granted() - left);
                back = left;
                previous = grant;
            } else if (grant != null) {
                endIfExpired(Long.MAX_VALUE, true);
            }
            // the lifetime runs from before the request: no call of this lease is spent later than one lifetime after
            // PostgreSQL granted it, which is what a provider correction counts on (RateBuckets.observe)
            RateBuckets.Grant fresh = buckets.lease(key, wanted, nextSize, back, previous, lifetime);
            policy = wanted;
            left = fresh.granted();
            if (left == 0) {
                grant = null;
                return new RateDecision(false, limit(wanted), 0, fresh.resetSeconds(), fresh.waitMillis());
            }
            grant = fresh;
            expires = now + lifetime.toNanos();
            return spend();
        }

        private RateDecision spend() {
            left--;
            spends++; // under the holder's monitor: one writer at a time

            return new RateDecision(true, limit(policy), grant.remaining() + left, grant.resetSeconds(), 0);
        }

        /** Ends the lease if it has expired (or {@code force}), giving its unspent calls back; true if none is held. */
        synchronized boolean endIfExpired(long now, boolean force) {
            if (grant == null) return true;
            if (!force && now < expires) return false;
            int unspent = left;
            RateBuckets.Grant ended = grant;
            grant = null;
            left = 0;
            nextSize = Math.max(1, ended.granted() - unspent);
            if (unspent > 0) buckets.giveBack(key, policy, ended, unspent);
            return true;
        }

        synchronized void drop() {
            grant = null;
            left = 0;
            nextSize = 1;
        }
    }

    private static int limit(RatePolicy policy) {
        return policy.kind() == RatePolicy.Kind.SLIDING_WINDOW ? policy.limit() : policy.burst();
    }
}
