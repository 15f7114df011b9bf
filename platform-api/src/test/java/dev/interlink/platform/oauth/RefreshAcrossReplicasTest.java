package dev.interlink.platform.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.oauth.ThreeReplicas.Linked;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.DatabaseAvailable;
import dev.interlink.platform.testing.TestDatabase;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import dev.interlink.sandbox.Sandbox;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three platform-api replicas on one PostgreSQL share Lever accounts whose access tokens the sandbox has just expired,
 * in strict rotation (a reused refresh token revokes the whole family). However the calls are spread, exactly one
 * refresh_token grant reaches the token endpoint and every call succeeds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(DatabaseAvailable.class)
class RefreshAcrossReplicasTest {
    private static final int CALLS = 200;

    private ThreeReplicas cluster;
    private Sandbox sandbox;
    private List<Api> apis;
    private TestTenant tenant;

    @BeforeAll
    void startThreeReplicas() {
        cluster = new ThreeReplicas();
        sandbox = cluster.sandbox;
        apis = cluster.apis;
        tenant = cluster.tenant;
    }

    @AfterAll
    void stop() {
        if (cluster != null) cluster.close();
    }

    private Linked link(String rotation) {
        return cluster.link(rotation);
    }

    private List<Integer> spread(String accountId) throws Exception {
        return cluster.spread(accountId, CALLS, 24).stream()
                .map(ThreeReplicas.Call::status)
                .toList();
    }

    private int grants(Sandbox.OAuthAccountInfo lever, String grant) {
        return cluster.grants(lever, grant);
    }

    private int invalidGrants(Sandbox.OAuthAccountInfo lever) {
        return cluster.invalidGrants(lever);
    }

    private String status(String accountId) {
        return cluster.status(accountId);
    }

    @Test
    void two_hundred_calls_on_three_replicas_after_expiry_make_exactly_one_refresh_grant() throws Exception {
        Linked linked = link("strict");
        sandbox.expireAccessTokens(linked.lever().accountId());

        List<Integer> statuses = spread(linked.id());

        assertThat(statuses).hasSize(CALLS).containsOnly(200);
        assertThat(grants(linked.lever(), "refresh_token")).isEqualTo(1);
        assertThat(invalidGrants(linked.lever())).isZero();
        assertThat(status(linked.id())).isEqualTo("active");
    }

    @Test
    void a_token_endpoint_slowed_to_two_seconds_still_sees_exactly_one_refresh_grant() throws Exception {
        Linked linked = link("strict");
        sandbox.oauthSettings(linked.lever().accountId(), Map.of("token_delay_ms", 2000));
        sandbox.expireAccessTokens(linked.lever().accountId());

        List<Integer> statuses = spread(linked.id());

        assertThat(statuses).containsOnly(200);
        assertThat(grants(linked.lever(), "refresh_token")).isEqualTo(1);
        assertThat(invalidGrants(linked.lever())).isZero();
    }

    @Test
    void a_lease_left_by_a_dead_replica_delays_the_refresh_by_at_most_the_lease_budget() throws Exception {
        Linked linked = link("strict");
        UUID accountId = UUID.fromString(linked.id());
        cluster.bean(TokenStateStore.class).version(tenant.id(), accountId);
        // a replica took the lease and died without a word (its lease runs 2 more seconds)
        try (Connection c = DriverManager.getConnection(
                        cluster.database.get("datasources.default.url"), TestDatabase.user(), TestDatabase.password());
                PreparedStatement ps = c.prepareStatement(
                        "update oauth_token_state set lease_owner = 'dead-replica', lease_until = ? where account_id = ?")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now().plusSeconds(2)));
            ps.setObject(2, accountId);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        sandbox.expireAccessTokens(linked.lever().accountId());

        Api.Response r = apis.get(2).get("/proxy/users?limit=1&integrated_account_id=" + linked.id(), tenant.token());

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(grants(linked.lever(), "refresh_token")).isEqualTo(1);
        assertThat(invalidGrants(linked.lever())).isZero();
    }

    @Test
    void a_token_endpoint_answering_503_leaves_the_account_active_and_it_recovers_by_itself() {
        Linked linked = link("strict");
        sandbox.oauthSettings(linked.lever().accountId(), Map.of("token_fail_status", 503));
        sandbox.expireAccessTokens(linked.lever().accountId());
        String path = "/proxy/users?limit=1&integrated_account_id=" + linked.id();

        Api.Response failed = apis.get(0).get(path, tenant.token());
        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.code()).isEqualTo("INTEGRATION.TOKEN_REFRESH_UNAVAILABLE");
        assertThat(failed.header("Retry-After")).isNotNull();
        assertThat(status(linked.id())).isEqualTo("active");

        sandbox.oauthSettings(
                linked.lever().accountId(), java.util.Collections.singletonMap("token_fail_status", null));
        assertThat(apis.get(1).get(path, tenant.token()).status()).isEqualTo(200);
        assertThat(status(linked.id())).isEqualTo("active");
    }

    @Test
    void a_revoked_authorization_marks_the_account_needs_reauth() {
        Linked linked = link("strict");
        sandbox.revokeOAuth(linked.lever().accountId());
        sandbox.expireAccessTokens(linked.lever().accountId());

        Api.Response r = apis.get(0).get("/proxy/users?limit=1&integrated_account_id=" + linked.id(), tenant.token());

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("INTEGRATION.REAUTH_REQUIRED");
        assertThat(r.text()).doesNotContain(linked.lever().clientSecret());
        assertThat(status(linked.id())).isEqualTo("needs_reauth");
    }

    @Test
    void a_forced_refresh_answers_the_new_expiry_and_never_a_token() {
        Linked linked = link("strict");

        Api.Response r = apis.get(2).post("/integrated-accounts/" + linked.id() + "/refresh", tenant.token(), Map.of());

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(Instant.parse(r.json().get("expires_at").asText())).isAfter(Instant.now());
        assertThat(r.text()).doesNotContain("token\"");
        assertThat(grants(linked.lever(), "refresh_token")).isEqualTo(1);
    }

    @Test
    void another_tenants_account_cannot_be_refreshed() {
        Linked linked = link("strict");
        TestTenant other = TestTenants.create(cluster.bean(TenantService.class), apis.get(0), "Other Co");

        Api.Response r = apis.get(0).post("/integrated-accounts/" + linked.id() + "/refresh", other.token(), Map.of());

        assertThat(r.status()).isEqualTo(404);
        assertThat(grants(linked.lever(), "refresh_token")).isZero();
    }
}
