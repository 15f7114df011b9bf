package dev.interlink.platform.ats;

import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark harness (not a test): unified {@code GET /unified/ats/candidates} vs the same page straight from
 * provider-sandbox with N concurrent clients (p50/p99 and ratios), then paging a whole CATS account through the
 * unified API vs directly (time, heap growth). Needs PostgreSQL like the tests ({@code TEST_JDBC_URL}).
 *
 * <pre>
 * mvn -q -pl platform-api test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.interlink.platform.ats.UnifiedBenchmark -Dexec.args="32 2000 100000"
 * </pre>
 * args: clients (32), requests per side (2000), candidates to page (100000). Results go to docs/benchmarks/unified.md.
 */
public final class UnifiedBenchmark {
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int candidates = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        try (Sandbox sandbox = Sandbox.start(0)) {
            Map<String, Object> props = new HashMap<>(TestDatabase.freshSchema());
            props.put("interlink.jwt.keys", TestKeys.JWKS);
            props.put("micronaut.server.port", "-1");
            // measures our overhead, not the inbound per-client limiter
            props.put("interlink.inbound-rate.per-second", "1000000");
            props.put("interlink.inbound-rate.burst", "1000000");
            // and not the account's CATS budget (500/hour): the bucket still runs on every call
            props.put("interlink.provider.cats.rate-limit.limit", "1000000");
            props.putAll(SandboxAccounts.properties(sandbox));
            try (ApplicationContext ctx = ApplicationContext.run(props, "test")) {
                EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
                Api api = new Api(server.getURI());
                var tenant = TestTenants.create(ctx.getBean(TenantService.class), api, "Bench");
                Sandbox.AccountInfo s = SandboxAccounts.sandboxAccount(sandbox, "cats", candidates);
                String account = SandboxAccounts.importAccount(api, tenant.token(), s);
                HttpClient http = HttpClient.newBuilder()
                        .executor(Executors.newFixedThreadPool(clients))
                        .build();
                HttpRequest direct = HttpRequest.newBuilder(URI.create(s.baseUrl() + "/candidates?per_page=50&page=1"))
                        .header("Authorization", "Token " + s.apiKey())
                        .build();
                HttpRequest unified = HttpRequest.newBuilder(URI.create(
                                server.getURI() + "/unified/ats/candidates?limit=50&integrated_account_id=" + account))
                        .header("Authorization", "Bearer " + tenant.token())
                        .build();
                run(http, direct, clients, 200);
                run(http, unified, clients, 200); // warm-up
                List<Long> d = run(http, direct, clients, requests);
                List<Long> u = run(http, unified, clients, requests);
                System.out.printf(
                        "concurrency %d, %d requests each: direct p50 %.2f ms p99 %.2f ms; unified p50 %.2f ms p99 %.2f ms;"
                                + " ratio p50 %.2fx p99 %.2fx%n",
                        clients,
                        requests,
                        ms(d, 50),
                        ms(d, 99),
                        ms(u, 50),
                        ms(u, 99),
                        ms(u, 50) / ms(d, 50),
                        ms(u, 99) / ms(d, 99));
                pageAll(http, s, server.getURI(), account, tenant.token());
            }
        }
        System.exit(0);
    }

    static void pageAll(HttpClient http, Sandbox.AccountInfo s, URI server, String account, String token)
            throws Exception {
        long t0 = System.nanoTime();
        int page = 1;
        long n = 0;
        while (true) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(s.baseUrl() + "/candidates?per_page=100&page=" + page++))
                            .header("Authorization", "Token " + s.apiKey())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            n += r.body().split("\"first_name\"", -1).length - 1;
            if (!r.body().contains("\"next\"")) break;
        }
        double directS = (System.nanoTime() - t0) / 1e9;
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        long peak = heapBefore;
        t0 = System.nanoTime();
        String cursor = null;
        long m = 0;
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        do {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(
                                    URI.create(server + "/unified/ats/candidates?limit=200&integrated_account_id="
                                            + account + (cursor == null ? "" : "&next_cursor=" + cursor)))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            var body = json.readTree(r.body());
            m += body.get("result_count").asLong();
            cursor = body.get("next_cursor").isNull()
                    ? null
                    : body.get("next_cursor").asText();
            peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
        } while (cursor != null);
        double unifiedS = (System.nanoTime() - t0) / 1e9;
        System.gc();
        long heapAfter = rt.totalMemory() - rt.freeMemory();
        System.out.printf(
                "paging %d candidates: direct %.1f s (%d records), unified %.1f s (%d records), ratio %.2fx;"
                        + " heap before %d MB, peak %d MB, after GC %d MB (growth %d MB, in-process server + client)%n",
                n,
                directS,
                n,
                unifiedS,
                m,
                unifiedS / directS,
                heapBefore >> 20,
                peak >> 20,
                heapAfter >> 20,
                (heapAfter - heapBefore) >> 20);
    }

    static List<Long> run(HttpClient http, HttpRequest request, int clients, int total) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Long> times = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> futures = new ArrayList<>();
        int per = total / clients;
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < per; i++) {
                    long t = System.nanoTime();
                    HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() != 200) throw new IllegalStateException("status " + r.statusCode());
                    times.add(System.nanoTime() - t);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) f.get();
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        return sorted;
    }

    static double ms(List<Long> sorted, int percentile) {
        int i = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, i)) / 1e6;
    }
}
