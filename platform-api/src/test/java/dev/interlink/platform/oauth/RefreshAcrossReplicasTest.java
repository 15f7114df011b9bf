package dev.interlink.platform.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.DatabaseAvailable;
import dev.interlink.platform.testing.TestDatabase;
import dev.interlink.platform.testing.TestKeys;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    private final List<EmbeddedServer> replicas = new ArrayList<>();
    private final List<Api> apis = new ArrayList<>();
    private Map<String, String> database;
    private Sandbox sandbox;
    private TestTenant tenant;

    @BeforeAll
    void startThreeReplicas() {
        sandbox = ProviderSandbox.get();
        database = TestDatabase.freshSchema();
        Map<String, Object> props = new HashMap<>(database);
        props.putAll(ProviderSandbox.properties());
        props.put("interlink.jwt.keys", TestKeys.JWKS);
        props.put("micronaut.server.port", -1);
        props.put("interlink.inbound-rate.per-second", 100_000);
        props.put("interlink.inbound-rate.burst", 100_000);
        // this test is about refreshes, not pacing: budgets far above the calls made
        props.put("interlink.provider.lever.rate-limit.rate-per-second", 100_000);
        props.put("interlink.provider.lever.rate-limit.burst", 100_000);
        props.put("interlink.oauth.token-timeout", "3s");
        props.put("interlink.oauth.refresh-lease", "6s");
        for (int i = 0; i < 3; i++) {
            EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props, "test");
            replicas.add(server);
            apis.add(new Api(server.getURI()));
        }
        tenant = TestTenants.create(
                replicas.get(0).getApplicationContext().getBean(TenantService.class), apis.get(0), "Refresh Co");
    }

    @AfterAll
    void stop() {
        replicas.forEach(EmbeddedServer::close);
        if (database != null) {
            TestDatabase.drop(database.get("interlink.test.base-url"), database.get("interlink.test.schema"));
        }
    }

    /** A Lever account in the sandbox, the tenant's OAuth app for it, and the imported connection's id. */
    private record Linked(Sandbox.OAuthAccountInfo lever, String id) {}

    private Linked link(String rotation) {
        Sandbox.OAuthAccountInfo lever = sandbox.createOAuthAccount("lever", 3, 5);
        sandbox.setTokenBucket(lever.accountId(), 100_000, 100_000);
        sandbox.oauthSettings(lever.accountId(), Map.of("rotation", rotation));
        replicas.get(0)
                .getApplicationContext()
                .getBean(OAuthApps.class)
                .put(tenant.id(), "lever", lever.clientId(), lever.clientSecret());
        Sandbox.TokenPair pair = sandbox.mintTokens(lever.accountId(), null);
        Api.Response created = apis.get(0)
                .post(
                        "/integrated-accounts",
                        tenant.token(),
                        Map.of(
                                "provider",
                                "lever",
                                "end_user",
                                Map.of("id", "lever-" + lever.accountId()),
                                "credentials",
                                Map.of(
                                        "access_token", pair.accessToken(),
                                        "refresh_token", pair.refreshToken(),
                                        "expires_at",
                                                Instant.now()
                                                        .plusSeconds(pair.expiresIn())
                                                        .toString())));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        sandbox.resetCounters(lever.accountId());
        return new Linked(lever, created.json().get("id").asText());
    }

    /** {@code CALLS} proxy calls from 24 threads, spread round-robin over the three replicas; their statuses. */
    private List<Integer> spread(String accountId) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                Api api = apis.get(i % 3);
                calls.add(() -> api.get("/proxy/users?limit=1&integrated_account_id=" + accountId, tenant.token())
                        .status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @SuppressWarnings("unchecked")
    private int grants(Sandbox.OAuthAccountInfo lever, String grant) {
        Map<String, Object> counters = sandbox.counters(lever.accountId());
        return ((Number) ((Map<String, Object>) counters.get("token_grants")).get(grant)).intValue();
    }

    private int invalidGrants(Sandbox.OAuthAccountInfo lever) {
        return ((Number) sandbox.counters(lever.accountId()).get("invalid_grant")).intValue();
    }

    private String status(String accountId) {
        return apis.get(1)
                .get("/integrated-accounts/" + accountId, tenant.token())
                .json()
                .get("status")
                .asText();
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
        replicas.get(0).getApplicationContext().getBean(TokenStateStore.class).version(tenant.id(), accountId);
        // a replica took the lease and died without a word (its lease runs 2 more seconds)
        try (Connection c = DriverManager.getConnection(
                        database.get("datasources.default.url"), TestDatabase.user(), TestDatabase.password());
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
        TestTenant other = TestTenants.create(
                replicas.get(0).getApplicationContext().getBean(TenantService.class), apis.get(0), "Other Co");

        Api.Response r = apis.get(0).post("/integrated-accounts/" + linked.id() + "/refresh", other.token(), Map.of());

        assertThat(r.status()).isEqualTo(404);
        assertThat(grants(linked.lever(), "refresh_token")).isZero();
    }
}
