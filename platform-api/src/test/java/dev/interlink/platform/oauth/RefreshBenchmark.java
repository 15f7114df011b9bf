package dev.interlink.platform.oauth;

import dev.interlink.platform.oauth.ThreeReplicas.Call;
import dev.interlink.platform.oauth.ThreeReplicas.Linked;
import dev.interlink.platform.testing.DatabaseAvailable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The refresh race as figures for docs/benchmarks.md: three replicas, one Lever account whose access token the
 * sandbox has just expired, {@code bench.calls} concurrent proxy calls. Reports the grants the token endpoint saw and
 * the latency of the calls (all of them waited for the one refresh, since the stale token fails first). Run with
 * {@code ./interlink bench refresh}; never part of the test suite.
 */
@ExtendWith(DatabaseAvailable.class)
class RefreshBenchmark {
    private static final int CALLS = Integer.getInteger("bench.calls", 200);
    private static final int THREADS = Integer.getInteger("bench.threads", 24);

    @Test
    void refresh_race() throws Exception {
        try (ThreeReplicas cluster = new ThreeReplicas()) {
            // warm every replica's HTTP, JDBC and JIT paths on a fresh account first
            Linked warm = cluster.link("strict");
            cluster.spread(warm.id(), 300, THREADS);
            for (int delay : new int[] {0, 2000}) {
                Linked linked = cluster.link("strict");
                cluster.sandbox.oauthSettings(linked.lever().accountId(), Map.of("token_delay_ms", delay));
                cluster.sandbox.expireAccessTokens(linked.lever().accountId());
                List<Call> calls = cluster.spread(linked.id(), CALLS, THREADS);
                long ok = calls.stream().filter(c -> c.status() == 200).count();
                long[] ms = calls.stream()
                        .mapToLong(c -> c.nanos() / 1_000)
                        .sorted()
                        .toArray();
                System.out.printf(
                        "BENCH refresh | token endpoint +%d ms | %d calls, %d threads, 3 replicas | %d ok | "
                                + "refresh grants %d | invalid_grant %d | p50 %.1f ms | p99 %.1f ms | max %.1f ms%n",
                        delay,
                        CALLS,
                        THREADS,
                        ok,
                        cluster.grants(linked.lever(), "refresh_token"),
                        cluster.invalidGrants(linked.lever()),
                        ms[ms.length / 2] / 1000.0,
                        ms[(int) (ms.length * 0.99) - 1] / 1000.0,
                        ms[ms.length - 1] / 1000.0);
            }
        }
    }
}
