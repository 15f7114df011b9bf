package dev.interlink.platform.ratelimit;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Outbound rate budgets per provider account, held in PostgreSQL so that every replica draws from the
 * same budget. Each decision is one statement (the {@code rate_take} function) serialized per bucket by a
 * transaction-level advisory lock, and uses the database clock, so replicas with skewed clocks still agree.
 *
 * @see "docs/decisions/0004-outbound-rate-budgets-in-postgresql.md"
 */
@Singleton
public class RateBuckets {
    private final JdbcOperations jdbc;
    private final Duration waitBudget;
    private final long leaseLifetimeMillis;

    public RateBuckets(
            JdbcOperations jdbc,
            @Value("${interlink.rate-limit.wait-budget:2s}") Duration waitBudget,
            @Value("${interlink.rate-limit.lease-lifetime:250ms}") Duration leaseLifetime) {
        this.jdbc = jdbc;
        this.waitBudget = waitBudget;
        this.leaseLifetimeMillis = Math.max(1, leaseLifetime.toMillis());
    }

    /**
     * Takes one call from the budget, waiting up to the configured budget (default 2 s) when the next slot
     * is that close; otherwise answers 429 {@code REMOTE.RATE_LIMIT_EXCEEDED} with an honest Retry-After,
     * instead of letting the provider answer 429.
     */
    public RateDecision acquire(String key, RatePolicy policy) {
        return acquire(() -> tryAcquire(key, policy));
    }

    /** {@link #acquire(String, RatePolicy)} with {@code attempt} as the decision (a lease's, {@link RateLeases}). */
    RateDecision acquire(Supplier<RateDecision> attempt) {
        long deadline = System.nanoTime() + waitBudget.toNanos();
        while (true) {
            RateDecision decision = attempt.get();
            if (decision.allowed()) {
                return decision;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (decision.waitMillis() > left) {
                long retryAfter = Math.max(1, (decision.waitMillis() + 999) / 1000);
                throw ApiProblem.of(
                                ErrorCode.REMOTE_RATE_LIMIT_EXCEEDED,
                                "The provider's request budget for this account is used up; retry after " + retryAfter
                                        + " s")
                        .with("retryable", true)
                        .header("Retry-After", Long.toString(retryAfter))
                        .header("X-Remote-RateLimit-Limit", Integer.toString(decision.limit()))
                        .header("X-Remote-RateLimit-Remaining", "0")
                        .header("X-Remote-RateLimit-Reset", Long.toString(decision.resetSeconds()));
            }
            sleep(Math.max(1, decision.waitMillis()));
        }
    }

    /**
     * One decision, one statement: {@code rate_take} (migrations V0051, V0080) runs under the account's advisory lock.
     * Its cost does not depend on the window's length: a window is counted in at most 61 slots.
     */
    @Connectable
    public RateDecision tryAcquire(String key, RatePolicy policy) {
        boolean sliding = policy.kind() == RatePolicy.Kind.SLIDING_WINDOW;
        return jdbc.prepareStatement("SELECT * FROM rate_take(?, ?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, key);
            ps.setBoolean(2, sliding);
            ps.setInt(3, policy.limit());
            ps.setLong(4, sliding ? policy.window().toSeconds() : 0);
            ps.setDouble(5, policy.ratePerSecond());
            ps.setInt(6, policy.burst());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new RateDecision(
                        rs.getBoolean("allowed"),
                        sliding ? policy.limit() : policy.burst(),
                        rs.getInt("remaining"),
                        rs.getLong("reset_seconds"),
                        rs.getLong("wait_millis"));
            }
        });
    }

    /**
     * What {@link #lease} granted: {@code granted} calls (0 = refused, then {@code waitMillis}), counted at {@code slot},
     * under the bucket's {@code correction} number (a lease granted before a correction gives nothing back).
     */
    record Grant(int granted, int remaining, long resetSeconds, long waitMillis, long slot, long correction) {}

    /**
     * Up to {@code count} calls in one decision ({@code rate_lease}, migrations V0083 and V0085: at most an eighth of
     * what is left, at least one), giving back {@code back} unspent calls of the previous lease ({@code previous}) in the
     * same round trip. PostgreSQL notes what was leased in the last {@code lifetime}, for {@link #observe}.
     */
    @Connectable
    Grant lease(String key, RatePolicy policy, int count, int back, Grant previous, Duration lifetime) {
        boolean sliding = policy.kind() == RatePolicy.Kind.SLIDING_WINDOW;
        return jdbc.prepareStatement("SELECT * FROM rate_lease(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, key);
            ps.setBoolean(2, sliding);
            ps.setInt(3, policy.limit());
            ps.setLong(4, sliding ? policy.window().toSeconds() : 0);
            ps.setDouble(5, policy.ratePerSecond());
            ps.setInt(6, policy.burst());
            ps.setInt(7, count);
            ps.setInt(8, previous == null ? 0 : back);
            ps.setLong(9, previous == null ? 0 : previous.slot());
            ps.setLong(10, previous == null ? 0 : previous.correction());
            ps.setLong(11, Math.max(1, lifetime.toMillis()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Grant(
                        rs.getInt("granted"),
                        rs.getInt("remaining"),
                        rs.getLong("reset_seconds"),
                        rs.getLong("wait_millis"),
                        rs.getLong("slot"),
                        rs.getLong("correction"));
            }
        });
    }

    /** Gives back {@code count} unspent calls of {@code lease} ({@code rate_return}, V0083 and V0085). */
    @Connectable
    void giveBack(String key, RatePolicy policy, Grant lease, int count) {
        jdbc.prepareStatement("SELECT rate_return(?, ?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, key);
            ps.setBoolean(2, policy.kind() == RatePolicy.Kind.SLIDING_WINDOW);
            ps.setLong(3, lease.slot());
            ps.setInt(4, count);
            ps.setInt(5, policy.burst());
            ps.setLong(6, lease.correction());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    /**
     * What the provider told us corrects our count: {@code Retry-After} blocks the bucket until then, and a
     * lower {@code X-Rate-Limit-Remaining} than ours means calls we did not see (another client of the same
     * account), so the budget shrinks to match.
     *
     * <p>The provider has not seen the calls replicas still hold in leases, so what was leased in the last lease
     * lifetime (an upper bound of them) stays counted on top of what the provider reports; a correction raises the
     * bucket's correction number, so leases granted before it give nothing back (migration V0085,
     * docs/decisions/0073-provider-corrections-and-leases.md).
     */
    @Transactional
    public void observe(String key, RatePolicy policy, Integer providerRemaining, Duration retryAfter) {
        Instant now = lockAndNow(key);
        if (retryAfter != null && !retryAfter.isNegative()) {
            jdbc.prepareStatement(
                    """
                    INSERT INTO rate_bucket (bucket_key, tokens, updated_at, blocked_until) VALUES (?, ?, ?, ?)
                    ON CONFLICT (bucket_key) DO UPDATE SET blocked_until = EXCLUDED.blocked_until""",
                    ps -> {
                        ps.setString(1, key);
                        ps.setDouble(2, 0);
                        ps.setTimestamp(3, Timestamp.from(now));
                        ps.setTimestamp(4, Timestamp.from(now.plus(retryAfter)));
                        return ps.executeUpdate();
                    });
        }
        if (providerRemaining == null) {
            return;
        }
        // Only a provider that has seen more calls than we counted, leased ones included, proves calls we never saw;
        // a lower count of its own is just our calls on their way (or still held in leases).
        if (policy.kind() == RatePolicy.Kind.SLIDING_WINDOW) {
            int counted = countInWindow(key); // expired slots are dropped by the next acquire; counting them is careful
            int seen = policy.limit() - providerRemaining;
            if (seen > counted) {
                addCalls(key, now, seen + leasedRecently(key) - counted, slotSeconds(policy.window()));
                jdbc.prepareStatement(
                        """
                        INSERT INTO rate_bucket (bucket_key, tokens, updated_at, correction) VALUES (?, 0, ?, 1)
                        ON CONFLICT (bucket_key) DO UPDATE SET correction = rate_bucket.correction + 1""",
                        ps -> {
                            ps.setString(1, key);
                            ps.setTimestamp(2, Timestamp.from(now));
                            return ps.executeUpdate();
                        });
            }
        } else {
            jdbc.prepareStatement(
                    """
                    UPDATE rate_bucket SET tokens = ? - rate_leased_recently(bucket_key, ?), correction = correction + 1
                     WHERE bucket_key = ? AND tokens > ?""",
                    ps -> {
                        ps.setDouble(1, providerRemaining);
                        ps.setLong(2, leaseLifetimeMillis);
                        ps.setString(3, key);
                        ps.setDouble(4, providerRemaining);
                        return ps.executeUpdate();
                    });
        }
    }

    private int leasedRecently(String key) {
        return jdbc.prepareStatement("SELECT rate_leased_recently(?, ?)", ps -> {
            ps.setString(1, key);
            ps.setLong(2, leaseLifetimeMillis);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /**
     * Read only: the calls left in the bucket now, without taking one (the change poller's budget share). A
     * sliding window counts the slots still inside it; a token bucket refills to now, capped at its burst.
     */
    @Connectable
    public int remaining(String key, RatePolicy policy) {
        if (policy.kind() == RatePolicy.Kind.SLIDING_WINDOW) {
            return jdbc.prepareStatement(
                    """
                    SELECT COALESCE(sum(calls), 0),
                           EXISTS (SELECT 1 FROM rate_bucket b
                                    WHERE b.bucket_key = ? AND b.blocked_until > clock_timestamp())
                      FROM rate_window_slot
                     WHERE bucket_key = ? AND second + ? + ? > extract(epoch from clock_timestamp())""",
                    ps -> {
                        ps.setString(1, key);
                        ps.setString(2, key);
                        ps.setLong(3, slotSeconds(policy.window()));
                        ps.setLong(4, policy.window().toSeconds());
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            if (rs.getBoolean(2)) return 0;
                            return Math.max(0, policy.limit() - rs.getInt(1));
                        }
                    });
        }
        return jdbc.prepareStatement(
                """
                SELECT tokens + ? * extract(epoch from (clock_timestamp() - updated_at)),
                       blocked_until > clock_timestamp()
                  FROM rate_bucket WHERE bucket_key = ?""",
                ps -> {
                    ps.setDouble(1, policy.ratePerSecond());
                    ps.setString(2, key);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) return policy.burst();
                        if (rs.getBoolean(2)) return 0;
                        return (int) Math.floor(Math.min(policy.burst(), rs.getDouble(1)));
                    }
                });
    }

    private Instant lockAndNow(String key) {
        return jdbc.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?)), clock_timestamp()", ps -> {
            ps.setString(1, "rate:" + key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(2).toInstant();
            }
        });
    }

    private int countInWindow(String key) {
        return jdbc.prepareStatement(
                "SELECT COALESCE(sum(calls), 0) FROM rate_window_slot WHERE bucket_key = ?", ps -> {
                    ps.setString(1, key);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                });
    }

    /**
     * The width of a sliding window's counting slots: {@code ceil(window / 60)} seconds, so a window is at most 61
     * rows whatever its length (the same as {@code rate_slot_seconds} of migration V0080; a call counts until its
     * slot's start + width + window).
     */
    static long slotSeconds(Duration window) {
        return Math.max(1, (window.toSeconds() + 59) / 60);
    }

    private void addCalls(String key, Instant at, int calls, long slotSeconds) {
        jdbc.prepareStatement(
                """
                INSERT INTO rate_window_slot (bucket_key, second, calls) VALUES (?, ?, ?)
                ON CONFLICT (bucket_key, second) DO UPDATE SET calls = rate_window_slot.calls + EXCLUDED.calls""",
                ps -> {
                    ps.setString(1, key);
                    ps.setLong(2, at.getEpochSecond() / slotSeconds * slotSeconds);
                    ps.setInt(3, calls);
                    return ps.executeUpdate();
                });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a rate slot", e);
        }
    }
}
