package dev.interlink.platform.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.linking.TestClockFactory;
import dev.interlink.platform.oauth.ThreeReplicas.Linked;
import dev.interlink.platform.testing.DatabaseAvailable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The background sweeper keeps idle OAuth accounts alive before their refresh tokens go stale, once per account
 * however many replicas sweep at the same time. The replicas share one mutable clock, moved by hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(DatabaseAvailable.class)
class RefreshSweeperTest {
    private ThreeReplicas cluster;

    @BeforeAll
    void start() {
        cluster = new ThreeReplicas(Map.of("interlink.test.clock", "mutable", "interlink.oauth.refresh-every", "7d"));
    }

    @AfterAll
    void stop() {
        if (cluster != null) cluster.close();
    }

    /** Every replica sweeps at once; the sum of what they report. */
    private int sweepEverywhere() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (var replica : cluster.replicas) {
                runs.add(pool.submit(() -> replica.getApplicationContext()
                        .getBean(RefreshSweeper.class)
                        .sweep()));
            }
            int total = 0;
            for (Future<Integer> f : runs) total += f.get();
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void an_account_idle_for_longer_than_refresh_every_is_refreshed_exactly_once_by_three_sweeping_replicas()
            throws Exception {
        Linked linked = cluster.link("strict");
        assertThat(sweepEverywhere()).isZero();
        assertThat(cluster.grants(linked.lever(), "refresh_token")).isZero();

        TestClockFactory.CLOCK.advance(Duration.ofDays(8));
        sweepEverywhere();

        assertThat(cluster.grants(linked.lever(), "refresh_token")).isEqualTo(1);
        assertThat(cluster.invalidGrants(linked.lever())).isZero();
        assertThat(cluster.status(linked.id())).isEqualTo("active");

        // refreshed just now: the next sweeps leave it alone
        sweepEverywhere();
        assertThat(cluster.grants(linked.lever(), "refresh_token")).isEqualTo(1);
    }

    @Test
    void an_account_whose_grant_was_revoked_is_marked_needs_reauth_by_the_sweep() throws Exception {
        Linked linked = cluster.link("strict");
        cluster.sandbox.revokeOAuth(linked.lever().accountId());

        TestClockFactory.CLOCK.advance(Duration.ofDays(8));
        sweepEverywhere();

        assertThat(cluster.status(linked.id())).isEqualTo("needs_reauth");
    }
}
