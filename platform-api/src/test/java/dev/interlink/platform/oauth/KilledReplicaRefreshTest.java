package dev.interlink.platform.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.oauth.ThreeReplicas.Linked;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ChildReplica;
import dev.interlink.platform.testing.DatabaseAvailable;
import dev.interlink.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A replica in a process of its own is killed with SIGKILL while it holds an account's refresh lease, its token
 * call in flight. The next caller, on another replica, recovers once the lease budget has passed, and the token
 * family survives.
 *
 * <p>The provider runs with a reuse window ({@code grace} rotation, Auth0's "reuse interval"): the dead replica's
 * request was received and rotated the refresh token, and its answer died with the process, so the only token anyone
 * still has is the one it rotated away. Without a reuse window no client can survive that instant (the provider
 * revokes the family on the reuse); docs/providers/lever.md §5 says what is known of Lever's setting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(DatabaseAvailable.class)
class KilledReplicaRefreshTest {
    private ThreeReplicas cluster;
    private ChildReplica child;

    @BeforeAll
    void start() throws Exception {
        cluster = new ThreeReplicas();
        child = new ChildReplica(cluster.properties);
    }

    @AfterAll
    void stop() throws Exception {
        if (child != null) child.close();
        if (cluster != null) cluster.close();
    }

    private String leaseOwner(UUID accountId) throws Exception {
        try (Connection c = DriverManager.getConnection(
                        cluster.database.get("datasources.default.url"), TestDatabase.user(), TestDatabase.password());
                PreparedStatement ps = c.prepareStatement(
                        "select lease_owner from oauth_token_state where account_id = ? and lease_until > now()")) {
            ps.setObject(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void a_replica_killed_while_holding_the_refresh_lease_blocks_the_account_for_one_lease_budget_at_most()
            throws Exception {
        Linked linked = cluster.link("grace");
        String lever = linked.lever().accountId();
        cluster.sandbox.oauthSettings(lever, Map.of("grace_seconds", 60, "token_delay_ms", 4_000));
        cluster.sandbox.expireAccessTokens(lever);
        String path = "/proxy/users?limit=1&integrated_account_id=" + linked.id();

        // the child replica starts the refresh: lease taken, token call in flight for 4 s
        Api childApi = child.api;
        CompletableFuture.runAsync(() -> {
            try {
                childApi.get(path, cluster.tenant.token());
            } catch (RuntimeException | AssertionError expected) {
                // the connection dies with the process
            }
        });
        UUID accountId = UUID.fromString(linked.id());
        for (int i = 0; i < 300 && leaseOwner(accountId) == null; i++) Thread.sleep(20);
        assertThat(leaseOwner(accountId)).as("the child holds the lease").isNotNull();
        child.kill();
        cluster.sandbox.oauthSettings(lever, Map.of("token_delay_ms", 0));

        long start = System.nanoTime();
        Api.Response next = cluster.apis.get(0).get(path, cluster.tenant.token());
        double waited = (System.nanoTime() - start) / 1e9;

        assertThat(next.status()).as(next.text()).isEqualTo(200);
        // the lease is 6 s and the dead replica took it at most a moment ago; token timeout 3 s, polling 25 ms
        assertThat(waited).isLessThan(6 + 3 + 2);
        assertThat(cluster.invalidGrants(linked.lever())).isZero();
        assertThat(cluster.status(linked.id())).isEqualTo("active");
        // and the pair the survivor saved keeps working
        assertThat(cluster.apis.get(1).get(path, cluster.tenant.token()).status())
                .isEqualTo(200);
    }
}
