package dev.interlink.platform.ratelimit;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Outbound rate budgets per provider account, held in PostgreSQL so that every replica draws from the
 * same budget. Each decision runs in one short transaction serialized per bucket by a transaction-level
 * advisory lock, and uses the database clock, so replicas with skewed clocks still agree.
 *
 * @see "docs/decisions/0004-outbound-rate-budgets-in-postgresql.md"
 */
@Singleton
public class RateBuckets {
    private final JdbcOperations jdbc;
    private final Duration waitBudget;

    public RateBuckets(JdbcOperations jdbc, @Value("${interlink.rate-limit.wait-budget:2s}") Duration waitBudget) {
        this.jdbc = jdbc;
        this.waitBudget = waitBudget;
    }

    /**
     * Takes one call from the budget, waiting up to the configured budget (default 2 s) when the next slot
     * is that close; otherwise answers 429 {@code REMOTE.RATE_LIMIT_EXCEEDED} with an honest Retry-After,
     * instead of letting the provider answer 429.
     */
    public RateDecision acquire(String key, RatePolicy policy) {
        long deadline = System.nanoTime() + waitBudget.toNanos();
        while (true) {
            RateDecision decision = tryAcquire(key, policy);
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

    @Transactional
    public RateDecision tryAcquire(String key, RatePolicy policy) {
        Instant now = lockAndNow(key);
        Instant blockedUntil = blockedUntil(key);
        if (blockedUntil != null && blockedUntil.isAfter(now)) {
            long wait = Duration.between(now, blockedUntil).toMillis();
            return new RateDecision(false, policy.limit(), 0, (wait + 999) / 1000, wait);
        }
        return policy.kind() == RatePolicy.Kind.SLIDING_WINDOW
                ? slidingWindow(key, policy, now)
                : tokenBucket(key, policy, now);
    }

    /**
     * What the provider told us corrects our count: {@code Retry-After} blocks the bucket until then, and a
     * lower {@code X-Rate-Limit-Remaining} than ours means calls we did not see (another client of the same
     * account), so the budget shrinks to match.
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
        if (policy.kind() == RatePolicy.Kind.SLIDING_WINDOW) {
            // expired slots are dropped by the next acquire; counting them here only makes us more careful
            int missing = policy.limit() - providerRemaining - countInWindow(key);
            if (missing > 0) {
                addCalls(key, now, missing);
            }
        } else {
            jdbc.prepareStatement("UPDATE rate_bucket SET tokens = LEAST(tokens, ?) WHERE bucket_key = ?", ps -> {
                ps.setDouble(1, providerRemaining);
                ps.setString(2, key);
                return ps.executeUpdate();
            });
        }
    }

    private RateDecision slidingWindow(String key, RatePolicy policy, Instant now) {
        long window = policy.window().toSeconds();
        double nowSeconds = now.toEpochMilli() / 1000.0;
        jdbc.prepareStatement("DELETE FROM rate_window_slot WHERE bucket_key = ? AND second + 1 + ? <= ?", ps -> {
            ps.setString(1, key);
            ps.setLong(2, window);
            ps.setDouble(3, nowSeconds);
            return ps.executeUpdate();
        });
        return jdbc.prepareStatement(
                "SELECT COALESCE(sum(calls), 0), min(second) FROM rate_window_slot WHERE bucket_key = ?", ps -> {
                    ps.setString(1, key);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        int used = rs.getInt(1);
                        long oldest = rs.getLong(2);
                        boolean empty = rs.wasNull();
                        // the oldest slot frees its calls at oldest + 1 + window
                        long freeInMillis = empty ? 0 : (long) Math.ceil(((oldest + 1 + window) - nowSeconds) * 1000);
                        long reset = empty ? window : Math.max(0, (freeInMillis + 999) / 1000);
                        if (used < policy.limit()) {
                            addCalls(key, now, 1);
                            return new RateDecision(true, policy.limit(), policy.limit() - used - 1, reset, 0);
                        }
                        return new RateDecision(false, policy.limit(), 0, reset, Math.max(1, freeInMillis));
                    }
                });
    }

    private RateDecision tokenBucket(String key, RatePolicy policy, Instant now) {
        double tokens = jdbc.prepareStatement(
                """
                INSERT INTO rate_bucket (bucket_key, tokens, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (bucket_key) DO UPDATE SET
                  tokens = LEAST(?, rate_bucket.tokens + ? * EXTRACT(EPOCH FROM (EXCLUDED.updated_at - rate_bucket.updated_at))),
                  updated_at = EXCLUDED.updated_at
                RETURNING tokens""",
                ps -> {
                    ps.setString(1, key);
                    ps.setDouble(2, policy.burst());
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setDouble(4, policy.burst());
                    ps.setDouble(5, policy.ratePerSecond());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getDouble(1);
                    }
                });
        long fullInSeconds = (long) Math.ceil((policy.burst() - Math.max(0, tokens - 1)) / policy.ratePerSecond());
        if (tokens >= 1) {
            jdbc.prepareStatement("UPDATE rate_bucket SET tokens = tokens - 1 WHERE bucket_key = ?", ps -> {
                ps.setString(1, key);
                return ps.executeUpdate();
            });
            return new RateDecision(true, policy.burst(), (int) Math.floor(tokens - 1), fullInSeconds, 0);
        }
        long wait = (long) Math.ceil((1 - tokens) / policy.ratePerSecond() * 1000);
        return new RateDecision(false, policy.burst(), 0, fullInSeconds, wait);
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

    private Instant blockedUntil(String key) {
        return jdbc.prepareStatement("SELECT blocked_until FROM rate_bucket WHERE bucket_key = ?", ps -> {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getTimestamp(1) != null
                        ? rs.getTimestamp(1).toInstant()
                        : null;
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

    private void addCalls(String key, Instant at, int calls) {
        jdbc.prepareStatement(
                """
                INSERT INTO rate_window_slot (bucket_key, second, calls) VALUES (?, ?, ?)
                ON CONFLICT (bucket_key, second) DO UPDATE SET calls = rate_window_slot.calls + EXCLUDED.calls""",
                ps -> {
                    ps.setString(1, key);
                    ps.setLong(2, at.getEpochSecond());
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
