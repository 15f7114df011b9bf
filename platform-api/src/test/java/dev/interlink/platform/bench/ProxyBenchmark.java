package dev.interlink.platform.bench;

import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.DatabaseAvailable;
import dev.interlink.platform.testing.TestDatabase;
import dev.interlink.platform.testing.TestKeys;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Not a test (its name does not end in Test, so the build never runs it): a harness that prints figures for
 * docs/benchmarks.md. Run: {@code TEST_JDBC_URL=... mvn -pl platform-api test -Dtest=ProxyBenchmark}.
 *
 * <p>Measures a proxied {@code GET /site} (CATS) against the same request sent straight to the sandbox, and
 * the proxy with and without the cluster-wide rate budget (one PostgreSQL transaction per call).
 */
@ExtendWith(DatabaseAvailable.class)
class ProxyBenchmark {
    private static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    private static final int REQUESTS = Integer.getInteger("bench.requests", 4000);

    @Test
    void run() throws Exception {
        Sandbox sandbox = ProviderSandbox.get();
        Sandbox.AccountInfo account = sandbox.createAccount("cats", 3, 50);
        sandbox.setRollingLimit(account.accountId(), 1_000_000, 3600);
        System.out.println("BENCH clients=" + CLIENTS + " requests=" + REQUESTS + " cores="
                + Runtime.getRuntime().availableProcessors());
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, String> direct = Map.of("Authorization", "Token " + account.apiKey());
        report("direct sandbox", measure(http, URI.create(account.baseUrl() + "/site"), direct));
        for (boolean bucket : new boolean[] {false, true}) {
            Map<String, String> database = TestDatabase.freshSchema();
            Map<String, Object> props = new HashMap<>(database);
            props.putAll(ProviderSandbox.properties());
            props.put("interlink.jwt.keys", TestKeys.JWKS);
            props.put("micronaut.server.port", -1);
            props.put("interlink.inbound-rate.per-second", 1_000_000);
            props.put("interlink.inbound-rate.burst", 1_000_000);
            props.put("interlink.rate-limit.outbound-enabled", bucket);
            // the bucket runs its full transaction on every call, but with a budget this run cannot exhaust
            props.put("interlink.provider.cats.rate-limit.limit", 1_000_000);
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props, "test")) {
                Api api = new Api(server.getURI());
                TestTenants.TestTenant tenant =
                        TestTenants.create(server.getApplicationContext().getBean(TenantService.class), api, "Bench");
                String id = api.post(
                                "/integrated-accounts",
                                tenant.token(),
                                Map.of(
                                        "provider",
                                        "cats",
                                        "end_user",
                                        Map.of("id", "bench"),
                                        "credentials",
                                        Map.of("api_key", account.apiKey())))
                        .json()
                        .get("id")
                        .asText();
                URI uri = server.getURI().resolve("/proxy/site?integrated_account_id=" + id);
                report(
                        bucket ? "proxy, with rate budget" : "proxy, without rate budget",
                        measure(http, uri, Map.of("Authorization", "Bearer " + tenant.token())));
            } finally {
                TestDatabase.drop(database.get("interlink.test.base-url"), database.get("interlink.test.schema"));
            }
        }
    }

    record Result(long[] nanos, int errors, double seconds) {}

    private static Result measure(HttpClient http, URI uri, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        headers.forEach(b::header);
        HttpRequest request = b.build();
        for (int i = 0; i < 300; i++) { // warm-up: JIT, connection pools
            http.send(request, HttpResponse.BodyHandlers.discarding());
        }
        long[] nanos = new long[REQUESTS];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            futures.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < REQUESTS) {
                    long t = System.nanoTime();
                    try {
                        if (http.send(request, HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    nanos[i] = System.nanoTime() - t;
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(nanos, errors.get(), seconds);
    }

    private static void report(String name, Result r) {
        long[] sorted = r.nanos().clone();
        Arrays.sort(sorted);
        System.out.printf(
                "BENCH %-28s %7.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d%n",
                name,
                sorted.length / r.seconds(),
                sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6,
                r.errors());
    }
}
