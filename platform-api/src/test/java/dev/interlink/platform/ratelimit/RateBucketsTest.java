package dev.interlink.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.testing.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class RateBucketsTest extends ApiTest {
    @Inject
    RateBuckets buckets;

    @Inject
    io.micronaut.data.jdbc.runtime.JdbcOperations jdbc;

    @Inject
    io.micronaut.transaction.TransactionOperations<java.sql.Connection> tx;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("interlink.rate-limit.wait-budget", "200ms");
    }

    private static String key() {
        return "acct:" + UUID.randomUUID();
    }

    @Test
    void a_sliding_window_allows_exactly_its_limit_then_says_how_long_to_wait() {
        String key = key();
        RatePolicy policy = RatePolicy.slidingWindow(5, Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            RateDecision d = buckets.tryAcquire(key, policy);
            assertThat(d.allowed()).isTrue();
            assertThat(d.remaining()).isEqualTo(4 - i);
        }
        RateDecision refused = buckets.tryAcquire(key, policy);
        assertThat(refused.allowed()).isFalse();
        // the oldest call frees at its slot's start + slot width (60 s for an hour) + window
        assertThat(refused.waitMillis())
                .isBetween(
                        Duration.ofMinutes(59).toMillis(),
                        Duration.ofHours(1)
                                .plusSeconds(RateBuckets.slotSeconds(policy.window()))
                                .toMillis());
    }

    @Test
    void a_token_bucket_allows_its_burst_then_refuses_until_a_token_refills() {
        String key = key();
        RatePolicy policy = RatePolicy.tokenBucket(4, 10);
        int allowed = 0;
        for (int i = 0; i < 10; i++) {
            if (buckets.tryAcquire(key, policy).allowed()) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(10);
        RateDecision refused = buckets.tryAcquire(key, policy);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.waitMillis()).isBetween(1L, 250L);
    }

    @Test
    void acquire_answers_429_with_an_honest_retry_after_when_the_wait_exceeds_the_budget() {
        String key = key();
        RatePolicy policy = RatePolicy.slidingWindow(1, Duration.ofMinutes(10));
        buckets.acquire(key, policy);
        assertThatThrownBy(() -> buckets.acquire(key, policy)).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.code().code()).isEqualTo("REMOTE.RATE_LIMIT_EXCEEDED");
            // 10 minutes counted in 10 s slots: free again 600 to 610 s after the call
            assertThat(Long.parseLong(p.headers().get("Retry-After"))).isBetween(595L, 611L);
        });
    }

    @Test
    void acquire_waits_briefly_when_the_next_slot_is_within_the_budget() {
        String key = key();
        RatePolicy policy = RatePolicy.tokenBucket(20, 1); // one token every 50 ms
        buckets.acquire(key, policy);
        assertThat(buckets.acquire(key, policy).allowed()).isTrue();
    }

    @Test
    void a_provider_retry_after_blocks_the_bucket_until_then() {
        String key = key();
        RatePolicy policy = RatePolicy.tokenBucket(4, 10);
        buckets.observe(key, policy, null, Duration.ofSeconds(30));
        RateDecision refused = buckets.tryAcquire(key, policy);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.waitMillis()).isBetween(28_000L, 30_000L);
    }

    @Test
    void a_lower_remaining_count_from_the_provider_shrinks_the_window_budget() {
        String key = key();
        RatePolicy policy = RatePolicy.slidingWindow(10, Duration.ofHours(1));
        buckets.tryAcquire(key, policy);
        buckets.observe(key, policy, 2, null); // someone else used 7 calls we never saw
        assertThat(buckets.tryAcquire(key, policy).remaining()).isEqualTo(1);
        assertThat(buckets.tryAcquire(key, policy).allowed()).isTrue();
        assertThat(buckets.tryAcquire(key, policy).allowed()).isFalse();
    }

    @Test
    void a_window_of_any_length_is_counted_in_at_most_61_slots() {
        for (long seconds : new long[] {1, 59, 60, 61, 600, 3600, 3602, 86_400}) {
            long slot = RateBuckets.slotSeconds(Duration.ofSeconds(seconds));
            assertThat(slot).as("slot of %d s", seconds).isEqualTo(databaseSlot(seconds));
            assertThat((seconds + slot - 1) / slot + 1)
                    .as("slots of a %d s window", seconds)
                    .isLessThanOrEqualTo(61);
        }
        assertThat(RateBuckets.slotSeconds(Duration.ofSeconds(60)))
                .as("a minute keeps 1 s slots")
                .isEqualTo(1);
    }

    @Test
    void per_second_slots_left_by_an_older_replica_still_count() {
        String key = key();
        RatePolicy policy = RatePolicy.slidingWindow(10, Duration.ofHours(1));
        // what the per-second layout (migration V0050) left: 8 calls over the last 8 seconds
        tx.executeWrite(status -> jdbc.prepareStatement(
                "INSERT INTO rate_window_slot (bucket_key, second, calls)"
                        + " SELECT ?, extract(epoch from now())::bigint - g, 1 FROM generate_series(1, 8) g",
                ps -> {
                    ps.setString(1, key);
                    return ps.executeUpdate();
                }));
        assertThat(buckets.tryAcquire(key, policy).remaining()).isEqualTo(1);
        assertThat(buckets.tryAcquire(key, policy).allowed()).isTrue();
        assertThat(buckets.tryAcquire(key, policy).allowed()).isFalse();
    }

    private long databaseSlot(long windowSeconds) {
        return tx.executeRead(status -> jdbc.prepareStatement("SELECT rate_slot_seconds(?)", ps -> {
            ps.setLong(1, windowSeconds);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }));
    }

    @Test
    void concurrent_callers_never_exceed_the_window_together() throws Exception {
        String key = key();
        RatePolicy policy = RatePolicy.slidingWindow(40, Duration.ofHours(1));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                workers.add(() -> {
                    int ok = 0;
                    for (int i = 0; i < 10; i++) {
                        if (buckets.tryAcquire(key, policy).allowed()) {
                            ok++;
                        }
                    }
                    return ok;
                });
            }
            int total = 0;
            for (Future<Integer> f : pool.invokeAll(workers)) {
                total += f.get();
            }
            assertThat(total).isEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
    }
}
