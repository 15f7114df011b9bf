package dev.interlink.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.testing.ApiTest;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
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

/**
 * Leased batches of a budget: what PostgreSQL counts while replicas spend leases locally. "Replicas" here are separate
 * {@link RateLeases} on one database, each with its own leases, as two processes would have.
 */
@MicronautTest(transactional = false)
class RateLeasesTest extends ApiTest {
    static final Duration LIFETIME = Duration.ofMillis(250);

    @Inject
    RateBuckets buckets;

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> tx;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("interlink.rate-limit.wait-budget", "100ms");
    }

    private static String key() {
        return "acct:" + UUID.randomUUID();
    }

    private int counted(String key) {
        return tx.executeRead(status -> jdbc.prepareStatement(
                "SELECT COALESCE(sum(calls), 0) FROM rate_window_slot WHERE bucket_key = ?", ps -> {
                    ps.setString(1, key);
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }));
    }

    @Test
    void a_quiet_account_leases_one_call_at_a_time() {
        RateLeases leases = new RateLeases(buckets, LIFETIME, 64);
        try {
            String key = key();
            RateDecision d = leases.acquire(key, RatePolicy.slidingWindow(1000, Duration.ofHours(1)));
            assertThat(d.allowed()).isTrue();
            assertThat(d.remaining()).isEqualTo(999);
            assertThat(counted(key)).isEqualTo(1);
        } finally {
            leases.stop();
        }
    }

    @Test
    void a_busy_account_leases_batches_and_the_unspent_calls_come_back_when_the_lease_ends() throws Exception {
        RateLeases leases = new RateLeases(buckets, LIFETIME, 64);
        try {
            String key = key();
            RatePolicy policy = RatePolicy.slidingWindow(100_000, Duration.ofHours(1));
            for (int i = 0; i < 200; i++)
                assertThat(leases.acquire(key, policy).allowed()).isTrue();
            int whileLeased = counted(key);
            // batches of 1, 2, 4, …, 64: more is counted than was spent, by what the current lease still holds
            assertThat(whileLeased).isBetween(200, 200 + 64);
            Thread.sleep(LIFETIME.toMillis() * 4); // the sweeper ends the lease and gives back the rest
            assertThat(counted(key)).isEqualTo(200);
        } finally {
            leases.stop();
        }
    }

    @Test
    void the_remaining_count_a_lease_reports_falls_by_one_per_call() {
        RateLeases leases = new RateLeases(buckets, LIFETIME, 64);
        try {
            String key = key();
            RatePolicy policy = RatePolicy.slidingWindow(10_000, Duration.ofHours(1));
            List<Integer> remaining = new ArrayList<>();
            for (int i = 0; i < 20; i++)
                remaining.add(leases.acquire(key, policy).remaining());
            for (int i = 0; i < 20; i++) assertThat(remaining.get(i)).isEqualTo(10_000 - 1 - i);
        } finally {
            leases.stop();
        }
    }

    @Test
    void three_replicas_leasing_one_window_never_exceed_it_together_and_give_back_what_they_did_not_spend()
            throws Exception {
        String key = key();
        RatePolicy policy = RatePolicy.slidingWindow(300, Duration.ofHours(1));
        List<RateLeases> replicas = List.of(
                new RateLeases(buckets, LIFETIME, 64),
                new RateLeases(buckets, LIFETIME, 64),
                new RateLeases(buckets, LIFETIME, 64));
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            List<Callable<Integer>> workers = new ArrayList<>();
            for (int w = 0; w < 9; w++) {
                RateLeases replica = replicas.get(w % 3);
                workers.add(() -> {
                    int ok = 0;
                    for (int i = 0; i < 100; i++) {
                        try {
                            if (replica.acquire(key, policy).allowed()) ok++;
                        } catch (ApiProblem refused) {
                            // the window is spent (its wait is an hour, beyond any wait budget)
                        }
                    }
                    return ok;
                });
            }
            int allowed = 0;
            for (Future<Integer> f : pool.invokeAll(workers)) allowed += f.get();
            assertThat(allowed).isLessThanOrEqualTo(300);
            Thread.sleep(LIFETIME.toMillis() * 4);
            assertThat(counted(key)).as("calls counted once leases ended").isEqualTo(allowed);
            // at most an eighth of what is left per lease: the last calls are not stranded in another replica
            assertThat(allowed).isGreaterThanOrEqualTo(285);
        } finally {
            pool.shutdownNow();
            replicas.forEach(RateLeases::stop);
        }
    }

    @Test
    void a_token_bucket_lease_gives_back_its_unspent_tokens() throws Exception {
        RateLeases leases = new RateLeases(buckets, LIFETIME, 64);
        try {
            String key = key();
            RatePolicy policy = RatePolicy.tokenBucket(0.001, 800); // no refill worth counting during the test
            for (int i = 0; i < 100; i++)
                assertThat(leases.acquire(key, policy).allowed()).isTrue();
            Thread.sleep(LIFETIME.toMillis() * 4);
            assertThat(buckets.remaining(key, policy)).isEqualTo(700);
        } finally {
            leases.stop();
        }
    }

    /** Acquires until refused: how many calls the budget still allows once every lease has ended. */
    private static int allowedUntilRefused(RateLeases leases, String key, RatePolicy policy) {
        int allowed = 0;
        while (true) {
            try {
                if (!leases.acquire(key, policy).allowed()) return allowed;
                allowed++;
            } catch (ApiProblem refused) {
                return allowed;
            }
        }
    }

    /** Two replicas {@code a} and {@code b} of one window of 100 calls, and a third that comes {@code later}. */
    private record Replicas(String key, RatePolicy policy, RateLeases a, RateLeases b, RateLeases later)
            implements AutoCloseable {
        @Override
        public void close() {
            List.of(a, b, later).forEach(RateLeases::stop);
        }
    }

    /**
     * Two replicas each hold a lease with 3 calls unspent (4 spent, 7 counted) when a provider answer shows 50 calls
     * we never saw: 100 - 8 - 50 = 42 left at the provider, of which our leases will still spend 6.
     */
    private Replicas twoLeasesHeldWhenTheProviderReportsUnseenCalls() {
        Replicas r = new Replicas(
                key(),
                RatePolicy.slidingWindow(100, Duration.ofHours(1)),
                new RateLeases(buckets, LIFETIME, 64),
                new RateLeases(buckets, LIFETIME, 64),
                new RateLeases(buckets, LIFETIME, 64));
        for (int i = 0; i < 4; i++) { // leases of 1, 2 and 4: the last one has 3 calls left
            assertThat(r.a().acquire(r.key(), r.policy()).allowed()).isTrue();
            assertThat(r.b().acquire(r.key(), r.policy()).allowed()).isTrue();
        }
        buckets.observe(r.key(), r.policy(), 100 - 8 - 50, null);
        return r;
    }

    @Test
    void calls_left_in_leases_when_the_provider_reports_unseen_calls_still_count_against_the_budget() {
        try (Replicas r = twoLeasesHeldWhenTheProviderReportsUnseenCalls()) {
            for (int i = 0; i < 3; i++) { // both replicas spend what their leases still hold
                assertThat(r.a().acquire(r.key(), r.policy()).allowed()).isTrue();
                assertThat(r.b().acquire(r.key(), r.policy()).allowed()).isTrue();
            }
            int ours = 14 + allowedUntilRefused(r.later(), r.key(), r.policy());
            assertThat(ours).as("our calls next to the 50 we never saw").isLessThanOrEqualTo(50);
        }
    }

    @Test
    void calls_given_back_after_the_provider_reported_unseen_calls_do_not_reopen_the_budget() {
        try (Replicas r = twoLeasesHeldWhenTheProviderReportsUnseenCalls()) {
            // both replicas end their leases now, as at shutdown, and give their 3 unspent calls back
            r.a().stop();
            r.b().stop();
            int ours = 8 + allowedUntilRefused(r.later(), r.key(), r.policy());
            assertThat(ours).as("our calls next to the 50 we never saw").isLessThanOrEqualTo(50);
            assertThat(ours).as("what the correction wastes").isGreaterThanOrEqualTo(50 - 14);
        }
    }
}
