package dev.interlink.platform.oauth;

import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.LeverConnection;
import dev.interlink.platform.testing.TestDatabase;
import dev.interlink.platform.testing.TestKeys;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Three platform-api replicas (each its own application context, HTTP server, refresher and in-process single
 * flight) on one PostgreSQL schema, a tenant, and Lever accounts of the in-process sandbox linked to it.
 */
final class ThreeReplicas implements AutoCloseable {
    final List<EmbeddedServer> replicas = new ArrayList<>();
    final List<Api> apis = new ArrayList<>();
    final Map<String, String> database = TestDatabase.freshSchema();
    final Sandbox sandbox = ProviderSandbox.get();
    final TestTenant tenant;
    /** The configuration every replica runs with (for one more replica in a process of its own). */
    final Map<String, Object> properties;

    /** A Lever account in the sandbox and the id of its imported connection. */
    record Linked(Sandbox.OAuthAccountInfo lever, String id) {}

    /** One call's outcome: status and wall time. */
    record Call(int status, long nanos) {}

    ThreeReplicas() {
        this(Map.of());
    }

    /** With {@code extra} configuration on every replica. */
    ThreeReplicas(Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(database);
        props.putAll(ProviderSandbox.properties());
        props.put("interlink.jwt.keys", TestKeys.JWKS);
        props.put("micronaut.server.port", -1);
        props.put("interlink.inbound-rate.per-second", 100_000);
        props.put("interlink.inbound-rate.burst", 100_000);
        // refreshes, not pacing, are under test: budgets far above the calls made
        props.put("interlink.provider.lever.rate-limit.rate-per-second", 100_000);
        props.put("interlink.provider.lever.rate-limit.burst", 100_000);
        props.put("datasources.default.maximum-pool-size", 6); // three pools on one server's connection limit
        props.put("interlink.oauth.token-timeout", "3s");
        props.put("interlink.oauth.refresh-lease", "6s");
        props.putAll(extra);
        properties = Map.copyOf(props);
        for (int i = 0; i < 3; i++) {
            EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props, "test");
            replicas.add(server);
            apis.add(new Api(server.getURI()));
        }
        tenant = TestTenants.create(bean(TenantService.class), apis.get(0), "Refresh Co");
    }

    <T> T bean(Class<T> type) {
        return replicas.get(0).getApplicationContext().getBean(type);
    }

    /** A sandbox Lever account in {@code rotation} mode, the tenant's OAuth app for it, imported as a connection. */
    Linked link(String rotation) {
        LeverConnection c = LeverConnection.connect(
                sandbox, apis.get(0), tenant, bean(OAuthApps.class), 3, 5, Map.of("rotation", rotation));
        sandbox.resetCounters(c.lever().accountId());
        return new Linked(c.lever(), c.accountId());
    }

    /** {@code calls} proxy calls from {@code threads} threads, round-robin over the three replicas. */
    List<Call> spread(String accountId, int calls, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Call>> work = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                Api api = apis.get(i % 3);
                work.add(() -> {
                    long start = System.nanoTime();
                    int status = api.get("/proxy/users?limit=1&integrated_account_id=" + accountId, tenant.token())
                            .status();
                    return new Call(status, System.nanoTime() - start);
                });
            }
            List<Call> out = new ArrayList<>();
            for (Future<Call> f : pool.invokeAll(work)) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @SuppressWarnings("unchecked")
    int grants(Sandbox.OAuthAccountInfo lever, String grant) {
        Map<String, Object> counters = sandbox.counters(lever.accountId());
        return ((Number) ((Map<String, Object>) counters.get("token_grants")).get(grant)).intValue();
    }

    int invalidGrants(Sandbox.OAuthAccountInfo lever) {
        return ((Number) sandbox.counters(lever.accountId()).get("invalid_grant")).intValue();
    }

    String status(String accountId) {
        return apis.get(1)
                .get("/integrated-accounts/" + accountId, tenant.token())
                .json()
                .get("status")
                .asText();
    }

    @Override
    public void close() {
        replicas.forEach(EmbeddedServer::close);
        TestDatabase.drop(database.get("interlink.test.base-url"), database.get("interlink.test.schema"));
    }
}
