package dev.interlink.platform.ratelimit;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two platform-api replicas on different ports share one PostgreSQL and one provider account whose budget
 * is low. Together they must use (nearly) all of it and never make the provider answer 429.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(DatabaseAvailable.class)
class TwoInstanceRateBudgetTest {
    private Map<String, String> database;
    private EmbeddedServer first;
    private EmbeddedServer second;
    private Api apiA;
    private Api apiB;
    private TestTenant tenant;

    @BeforeAll
    void startTwoReplicas() {
        database = TestDatabase.freshSchema();
        Map<String, Object> props = new HashMap<>(database);
        props.putAll(ProviderSandbox.properties());
        props.put("interlink.jwt.keys", TestKeys.JWKS);
        props.put("micronaut.server.port", -1);
        props.put("interlink.inbound-rate.per-second", 10_000);
        props.put("interlink.inbound-rate.burst", 10_000);
        first = ApplicationContext.run(EmbeddedServer.class, props, "test");
        second = ApplicationContext.run(EmbeddedServer.class, props, "test");
        apiA = new Api(first.getURI());
        apiB = new Api(second.getURI());
        tenant = TestTenants.create(first.getApplicationContext().getBean(TenantService.class), apiA, "Budget Co");
    }

    @AfterAll
    void stop() {
        if (first != null) first.close();
        if (second != null) second.close();
        if (database != null) {
            TestDatabase.drop(database.get("interlink.test.base-url"), database.get("interlink.test.schema"));
        }
    }

    private String connect(Sandbox.AccountInfo account) {
        Map<String, Object> credentials = account.agencySlug() == null
                ? Map.of("api_key", account.apiKey())
                : Map.of("api_key", account.apiKey(), "agency_slug", account.agencySlug());
        Api.Response created = apiA.post(
                "/integrated-accounts",
                tenant.token(),
                Map.of(
                        "provider",
                        account.provider(),
                        "end_user",
                        Map.of("id", "budget-user"),
                        "credentials",
                        credentials));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /** Calls {@code path} through the proxy from several threads, alternating replicas, until {@code stop}. */
    private int hammer(String path, String accountId, int threads, long millis, int maxCalls) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger ours429 = new AtomicInteger();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Api api = t % 2 == 0 ? apiA : apiB;
                futures.add(pool.submit(() -> {
                    while (System.nanoTime() < end && calls.incrementAndGet() <= maxCalls) {
                        Api.Response r = api.get(path + "?integrated_account_id=" + accountId, tenant.token());
                        if (r.status() == 429) {
                            assertThat(r.code())
                                    .as("a 429 must be ours, never the provider's")
                                    .isEqualTo("REMOTE.RATE_LIMIT_EXCEEDED");
                            assertThat(r.header("Retry-After")).isNotNull();
                            ours429.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return ours429.get();
    }

    @SuppressWarnings("unchecked")
    private static int count(Map<String, Object> counters, String status) {
        Object n = ((Map<String, Object>) counters.get("by_status")).get(status);
        return n == null ? 0 : ((Number) n).intValue();
    }

    @Test
    void two_replicas_use_a_cats_hourly_budget_fully_without_a_single_provider_429() throws Exception {
        Sandbox sandbox = ProviderSandbox.get();
        Sandbox.AccountInfo account = sandbox.createAccount("cats", 7, 5);
        String id = connect(account);
        sandbox.setRollingLimit(account.accountId(), 60, 3600); // the window starts afresh
        sandbox.resetCounters(account.accountId());

        int refusedByUs = hammer("/proxy/site", id, 6, 20_000, 90);

        Map<String, Object> counters = sandbox.counters(account.accountId());
        assertThat(count(counters, "429")).isZero();
        assertThat(count(counters, "200")).isGreaterThanOrEqualTo(57); // >= 95% of 60
        assertThat(refusedByUs).isGreaterThan(0);
    }

    @Test
    void two_replicas_pace_a_loxo_token_bucket_without_a_single_provider_429() throws Exception {
        Sandbox sandbox = ProviderSandbox.get();
        Sandbox.AccountInfo account = sandbox.createAccount("loxo", 7, 5);
        String id = connect(account);
        sandbox.setTokenBucket(account.accountId(), 4, 10);
        sandbox.resetCounters(account.accountId());

        long start = System.nanoTime();
        hammer("/proxy/users", id, 6, 12_000, 10_000);
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Object> counters = sandbox.counters(account.accountId());
        assertThat(count(counters, "429")).isZero();
        double budget = 10 + 4 * seconds; // what the provider would have accepted in that time
        int used = count(counters, "200");
        System.out.printf("Loxo budget: %d of %.1f calls used (%.1f%%)%n", used, budget, 100.0 * used / budget);
        assertThat(used).as("used of a budget of %.1f", budget).isGreaterThanOrEqualTo((int) (0.95 * budget));
    }
}
