import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load driver of {@code ./interlink cluster soak} (scripts/cluster.sh), one file run with {@code java
 * SoakDriver.java}: plain JDK, no dependency, so it can be read as the whole truth of what the soak measured.
 *
 * <p>Drive mode sends mixed traffic through HAProxy: unified candidate reads and proxied calls on the Lever demo
 * account, CATS candidate writes with an Idempotency-Key (paced: CATS allows 500 calls an hour; a third of them sent
 * twice on purpose, like a client that lost the response; every failed attempt is retried with the same key), link
 * flows on the Loxo account (link token, the widget page through the
 * link-ui balancer, {@code GET /link-session}, a re-authorizing {@code POST /link-session/accounts}) and a webhook
 * endpoint served here. A failed attempt (no answer, 502/503/504) is retried for up to 60 s, honouring Retry-After;
 * every failed attempt is written down with the replica that served it (HAProxy's X-Served-By) so the verdict can
 * tell "in flight on a killed replica" and "during the database restart" from anything else.
 *
 * <p>Verdict mode reads what drive mode, scripts/cluster.sh (faults, memory, database facts) wrote, decides every
 * invariant and replaces the "Cluster soak" section of docs/benchmarks.md.
 */
public class SoakDriver {
    static final String ADMIN_TOKEN = System.getenv().getOrDefault("INTERLINK_SANDBOX_ADMIN_TOKEN", "sandbox-admin");
    static final Duration RETRY_BOUND = Duration.ofSeconds(60);

    final Map<String, String> args;
    final Path out;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    volatile String token;

    // what happened
    final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Set<String>> idsByKey = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> received = new ConcurrentHashMap<>();
    final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());

    SoakDriver(Map<String, String> args) {
        this.args = args;
        this.out = Path.of(args.get("out"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i].replaceFirst("^--", "");
            boolean flag = i + 1 >= argv.length || argv[i + 1].startsWith("--");
            args.put(a, flag ? "true" : argv[++i]);
        }
        if (args.containsKey("verdict")) {
            System.exit(Verdict.run(args));
        }
        new SoakDriver(args).drive();
    }

    void count(String name) {
        counts.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
    }

    // --- HTTP ------------------------------------------------------------------------------------------------

    record Answer(int status, String body, String servedBy, Map<String, List<String>> headers, int attempts) {
        Object json() {
            return Json.parse(body);
        }
    }

    Answer send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body(), r.headers().firstValue("X-Served-By").orElse("-"), r.headers().map(), 1);
    }

    /**
     * One logical call, retried while the answer says "try again" (no answer, 502, 503, 504). Every failed attempt
     * is recorded: start and end (epoch ms), operation, status (0 = no answer), replica.
     */
    Answer call(String op, java.util.function.Supplier<HttpRequest.Builder> request) throws InterruptedException {
        long deadline = System.nanoTime() + RETRY_BOUND.toNanos();
        long opStart = System.currentTimeMillis();
        int attempt = 0;
        while (true) {
            attempt++;
            long start = System.currentTimeMillis();
            Answer a;
            try {
                a = send(request.get());
            } catch (IOException e) {
                a = new Answer(0, e.getClass().getSimpleName(), "-", Map.of(), 1);
            }
            count("http_attempts");
            boolean retry = a.status == 0 || a.status == 502 || a.status == 503 || a.status == 504;
            if (!retry) {
                if (attempt > 1) count("ops_recovered_by_retry");
                latencies.add(System.currentTimeMillis() - opStart);
                return new Answer(a.status, a.body, a.servedBy, a.headers, attempt);
            }
            String code = a.status == 0 ? a.body : codeOf(a.body);
            failures.add(start + "\t" + System.currentTimeMillis() + "\t" + op + "\t" + a.status + "\t" + a.servedBy + "\t" + code);
            if (System.nanoTime() > deadline) {
                return a;
            }
            long wait = a.headers.getOrDefault("retry-after", List.of()).stream().findFirst().map(s -> Long.parseLong(s.trim()) * 1000).orElse(300L);
            Thread.sleep(Math.min(wait, 2000));
        }
    }

    static String codeOf(String body) {
        try {
            Object code = ((Map<?, ?>) Json.parse(body)).get("code");
            return code == null ? "-" : code.toString();
        } catch (RuntimeException e) {
            return "-";
        }
    }

    HttpRequest.Builder api(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(args.get("api") + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body != null) b.header("Content-Type", "application/json");
        return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    HttpRequest.Builder sandbox(String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(args.get("sandbox") + path))
                .header("X-Sandbox-Admin-Token", ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    String fetchToken() throws Exception {
        String tenant = Files.readString(Path.of(args.get("tenant")));
        Map<?, ?> t = (Map<?, ?>) Json.parse(tenant);
        String form = "grant_type=client_credentials&client_id=" + enc((String) t.get("client_id"))
                + "&client_secret=" + enc((String) t.get("client_secret"));
        Answer a = call("token", () -> HttpRequest.newBuilder(URI.create(args.get("api") + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (a.status != 200) throw new IllegalStateException("token: " + a.status + " " + a.body);
        return (String) ((Map<?, ?>) a.json()).get("access_token");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // --- drive -----------------------------------------------------------------------------------------------

    String catsAccount, loxoAccount, leverAccount, catsSandboxId, loxoSandboxId, leverSandboxId, catsBase, catsKey;
    Map<?, ?> loxoCredentials;

    void drive() throws Exception {
        Files.createDirectories(out);
        int seconds = Integer.parseInt(args.getOrDefault("seconds", "240"));
        int threads = Integer.parseInt(args.getOrDefault("threads", "6"));
        token = fetchToken();

        // the demo accounts: our ids (GET /integrated-accounts) and the sandbox's (credentials, counters)
        for (Object o : (List<?>) send(sandbox("GET", "/_sandbox/demo-accounts", null)).json()) {
            Map<?, ?> m = (Map<?, ?>) o;
            if ("cats".equals(m.get("provider"))) {
                catsSandboxId = (String) m.get("account_id");
                catsBase = (String) m.get("base_url");
                catsKey = (String) ((Map<?, ?>) m.get("credentials")).get("api_key");
            } else if ("lever".equals(m.get("provider"))) {
                leverSandboxId = (String) m.get("account_id");
            } else if ("loxo".equals(m.get("provider"))) {
                loxoSandboxId = (String) m.get("account_id");
                loxoCredentials = (Map<?, ?>) m.get("credentials");
            }
        }
        Map<?, ?> accounts = (Map<?, ?>) call("setup", () -> api("GET", "/integrated-accounts?limit=50", null)).json();
        for (Object o : (List<?>) first(accounts, "result", "data", "items")) {
            Map<?, ?> m = (Map<?, ?>) o;
            if ("cats".equals(m.get("provider"))) catsAccount = (String) m.get("id");
            if ("loxo".equals(m.get("provider"))) loxoAccount = (String) m.get("id");
            if ("lever".equals(m.get("provider"))) leverAccount = (String) m.get("id");
        }
        if (catsAccount == null || loxoAccount == null || leverAccount == null || catsSandboxId == null || loxoSandboxId == null) {
            throw new IllegalStateException("the demo tenant has no CATS and Loxo accounts: " + accounts);
        }
        // the sandbox keeps the providers' real limits (CATS 500 calls per rolling hour, Loxo 4/s with a burst of
        // 10): the soak spends the whole CATS hour within minutes, so our budget must refuse exactly where CATS would
        send(sandbox("DELETE", "/_sandbox/accounts/" + catsSandboxId + "/counters", null));
        send(sandbox("DELETE", "/_sandbox/accounts/" + loxoSandboxId + "/counters", null));
        send(sandbox("DELETE", "/_sandbox/accounts/" + leverSandboxId + "/counters", null));
        long catsBefore = catsTotal();

        // the tenant's webhook receiver
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            // the event id is the webhook-id header (the same on every attempt, retry and replay of one event)
            String id = ex.getRequestHeaders().getFirst("webhook-id");
            if (id == null || body.length == 0) {
                count("webhook_unreadable");
            } else {
                received.computeIfAbsent(id, k -> new AtomicLong()).incrementAndGet();
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        receiver.start();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        Answer endpoint = call("setup", () -> api("POST", "/webhook-endpoints",
                "{\"url\":\"" + hook + "\",\"event_types\":[\"*\"],\"description\":\"soak receiver\"}"));
        if (endpoint.status != 201) throw new IllegalStateException("webhook endpoint: " + endpoint.status + " " + endpoint.body);

        long end = System.currentTimeMillis() + seconds * 1000L;
        started = System.currentTimeMillis();
        // a unified CATS write costs two CATS calls (create, read back); 400 of the hour's 500 are spread evenly
        // over the run, so writes go on during every fault instead of all being refused after the first minute
        catsWritesPerSecond = 200.0 / seconds;
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> work(end), "soak-" + i);
            t.start();
            workers.add(t);
        }
        Thread refresher = new Thread(() -> {
            while (System.currentTimeMillis() < end) {
                try {
                    Thread.sleep(Duration.ofMinutes(5).toMillis());
                    token = fetchToken();
                } catch (Exception e) {
                    return;
                }
            }
        });
        refresher.setDaemon(true);
        refresher.start();
        for (Thread t : workers) t.join();

        // traffic is over: scripts/cluster.sh waits for the outbox to drain, then says stop
        Files.writeString(out.resolve("traffic-done"), Instant.now().toString());
        Path stop = out.resolve("stop");
        long bound = System.currentTimeMillis() + 300_000;
        while (!Files.exists(stop) && System.currentTimeMillis() < bound) Thread.sleep(250);
        receiver.stop(0);

        Map<String, Object> result = new TreeMap<>();
        counts.forEach((k, v) -> result.put(k, v.get()));
        result.put("cats_candidates_before", catsBefore);
        result.put("cats_candidates_after", catsTotal());
        result.put("write_keys", idsByKey.values().stream().filter(v -> !v.isEmpty()).count());
        result.put("write_keys_with_two_ids", idsByKey.values().stream().filter(s -> s.size() > 1).count());
        result.put("webhook_events_received", received.size());
        result.put("webhook_deliveries_received", received.values().stream().mapToLong(AtomicLong::get).sum());
        result.put("cats_counters", Json.write(send(sandbox("GET", "/_sandbox/accounts/" + catsSandboxId + "/counters", null)).json()));
        result.put("lever_counters", Json.write(send(sandbox("GET", "/_sandbox/accounts/" + leverSandboxId + "/counters", null)).json()));
        result.put("loxo_counters", Json.write(send(sandbox("GET", "/_sandbox/accounts/" + loxoSandboxId + "/counters", null)).json()));
        List<Long> l = new ArrayList<>(latencies);
        Collections.sort(l);
        if (!l.isEmpty()) {
            result.put("latency_p50_ms", l.get(l.size() / 2));
            result.put("latency_p99_ms", l.get((int) Math.min(l.size() - 1, Math.round(l.size() * 0.99))));
        }
        StringBuilder props = new StringBuilder();
        result.forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
        Files.writeString(out.resolve("driver.txt"), props);
        Files.write(out.resolve("failures.tsv"), new ArrayList<>(failures));
        Files.write(out.resolve("received.txt"), new ArrayList<>(received.keySet()));
        System.out.print(props);
        System.exit(0);
    }

    static Object first(Map<?, ?> m, String... keys) {
        for (String k : keys) if (m.get(k) != null) return m.get(k);
        return List.of();
    }

    long catsTotal() throws Exception {
        Answer a = send(HttpRequest.newBuilder(URI.create(catsBase + "/candidates?per_page=1"))
                .header("Authorization", "Token " + catsKey)
                .GET());
        Object total = ((Map<?, ?>) a.json()).get("total");
        return total == null ? -1 : ((Number) total).longValue();
    }

    volatile long started;
    volatile double catsWritesPerSecond;
    final AtomicLong writesStarted = new AtomicLong();

    /** Whether the pace of CATS writes allows one more now. */
    boolean writeDue() {
        double allowed = (System.currentTimeMillis() - started) / 1000.0 * catsWritesPerSecond + 1;
        long n = writesStarted.get();
        return n < allowed && writesStarted.compareAndSet(n, n + 1);
    }

    void work(long end) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.currentTimeMillis() < end) {
            int dice = random.nextInt(100);
            String op = dice < 30 ? "write" : dice < 60 ? "read" : dice < 85 ? "proxy" : "link";
            if (op.equals("write") && !writeDue()) op = "read";
            count("ops_" + op);
            try {
                boolean ok = switch (op) {
                    case "read" -> read();
                    case "write" -> write(random.nextInt(3) == 0);
                    case "proxy" -> proxy();
                    default -> link();
                };
                count(ok ? "ops_succeeded" : "ops_failed");
                if (!ok) count("ops_failed_" + op);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                count("ops_failed");
                count("ops_failed_" + op);
                failures.add(System.currentTimeMillis() + "\t" + System.currentTimeMillis() + "\t" + op + "\t-1\t-\t" + e);
            }
        }
    }

    /** A final answer that is not 2xx counts by status; our own budget's 429 is a refusal, not a failure. */
    boolean judge(String op, Answer a) {
        if (a.status / 100 == 2) return true;
        if (a.status == 429) {
            count("refused_by_our_rate_budget");
            return true;
        }
        count("final_" + op + "_" + a.status + "_" + codeOf(a.body));
        return false;
    }

    boolean read() throws InterruptedException {
        Answer a = call("read", () -> api("GET", "/unified/ats/candidates?limit=10", null).header("X-Integrated-Account-Id", leverAccount));
        return judge("read", a);
    }

    boolean proxy() throws InterruptedException {
        Answer a = call("proxy", () -> api("GET", "/proxy/users?limit=1", null).header("X-Integrated-Account-Id", leverAccount));
        return judge("proxy", a);
    }

    boolean write(boolean clientRetry) throws InterruptedException {
        String key = "soak-" + UUID.randomUUID();
        String body = "{\"first_name\":\"Soak\",\"last_name\":\"" + key + "\"}";
        Set<String> ids = idsByKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
        int sends = clientRetry ? 2 : 1;
        boolean ok = true;
        for (int i = 0; i < sends; i++) {
            if (i > 0) count("write_deliberate_same_key_resends");
            Answer a = call("write", () -> api("POST", "/unified/ats/candidates", body)
                    .header("X-Integrated-Account-Id", catsAccount)
                    .header("Idempotency-Key", key));
            if (a.status == 201 || a.status == 200) {
                Object id = ((Map<?, ?>) a.json()).get("id");
                ids.add(String.valueOf(id));
            } else if (a.status == 429) {
                // refused by our budget before the provider was called: nothing can have been created
                idsByKey.remove(key);
                return judge("write", a);
            } else {
                ok = judge("write", a);
            }
        }
        return ok;
    }

    boolean link() throws InterruptedException {
        Answer created = call("link", () -> api("POST", "/link-tokens",
                "{\"end_user\":{\"id\":\"demo-customer-loxo\"},\"providers\":[\"loxo\"],\"integrated_account_id\":\"" + loxoAccount + "\"}"));
        if (created.status != 201) return judge("link", created);
        Map<?, ?> t = (Map<?, ?>) created.json();
        String linkToken = (String) t.get("link_token");
        String linkUrl = (String) t.get("link_url");
        Answer page = call("link-ui", () -> HttpRequest.newBuilder(URI.create(linkUrl)).GET());
        if (page.status != 200) return judge("link-ui", page);
        Answer session = call("link", () -> HttpRequest.newBuilder(URI.create(args.get("api") + "/link-session"))
                .header("X-Link-Token", linkToken).GET());
        if (session.status != 200) return judge("link", session);
        String submit = "{\"provider\":\"loxo\",\"credentials\":" + Json.write(loxoCredentials) + "}";
        Answer done = call("link", () -> HttpRequest.newBuilder(URI.create(args.get("api") + "/link-session/accounts"))
                .header("X-Link-Token", linkToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(submit)));
        if (done.status == 401 && done.attempts > 1) {
            // the first submit went through on a replica that died before answering: the token is spent. The flow
            // is not repeated (the account was re-authorized); it is counted apart
            count("link_submit_token_spent_by_lost_answer");
            return true;
        }
        return judge("link", done);
    }

    // --- verdict -----------------------------------------------------------------------------------------------

    static final class Verdict {
        static Map<String, String> props(Path file) throws IOException {
            Map<String, String> m = new LinkedHashMap<>();
            if (!Files.exists(file)) return m;
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0) m.put(line.substring(0, eq), line.substring(eq + 1));
            }
            return m;
        }

        static long num(Map<String, String> m, String k) {
            String v = m.get(k);
            return v == null || v.isBlank() ? 0 : Long.parseLong(v.trim());
        }

        static long status429(String countersJson) {
            if (countersJson == null) return -1;
            Object by = ((Map<?, ?>) Json.parse(countersJson)).get("by_status");
            Object n = by == null ? null : ((Map<?, ?>) by).get("429");
            return n == null ? 0 : ((Number) n).longValue();
        }

        static long requests(String countersJson) {
            Object n = countersJson == null ? null : ((Map<?, ?>) Json.parse(countersJson)).get("requests");
            return n == null ? 0 : ((Number) n).longValue();
        }

        static int run(Map<String, String> args) throws IOException {
            Path out = Path.of(args.get("out"));
            int seconds = Integer.parseInt(args.getOrDefault("seconds", "240"));
            int interval = Integer.parseInt(args.getOrDefault("poll-interval", "20"));
            Map<String, String> d = props(out.resolve("driver.txt"));
            Map<String, String> db = props(out.resolve("db.txt"));

            // faults: kills per replica, the database restart window
            Map<String, List<Long>> kills = new TreeMap<>();
            long pgBegin = -1, pgEnd = -1;
            List<String> faultLines = Files.exists(out.resolve("faults.txt")) ? Files.readAllLines(out.resolve("faults.txt")) : List.of();
            for (String line : faultLines) {
                String[] f = line.split(" ");
                long t = Long.parseLong(f[0]);
                if (f[1].equals("kill")) kills.computeIfAbsent(f[2], k -> new ArrayList<>()).add(t);
                if (f[1].equals("pg-restart") && f[2].equals("begin")) pgBegin = t;
                if (f[1].equals("pg-restart") && f[2].equals("end")) pgEnd = t;
            }

            // every failed attempt, attributed
            long inFlight = 0, duringDb = 0, unexplained = 0, lastDbFailure = -1;
            Map<String, Long> byReplica = new TreeMap<>();
            List<String> unexplainedLines = new ArrayList<>();
            List<String> failLines = Files.exists(out.resolve("failures.tsv")) ? Files.readAllLines(out.resolve("failures.tsv")) : List.of();
            for (String line : failLines) {
                String[] f = line.split("\t", -1);
                long start = Long.parseLong(f[0]), end = Long.parseLong(f[1]);
                int status = Integer.parseInt(f[3]);
                String server = f[4];
                boolean killed = false;
                for (long k : kills.getOrDefault(server, List.of())) {
                    if (start <= k + 500 && end >= k - 500) killed = true;
                }
                // no answer at all (the connection was cut mid-response, so HAProxy named no replica) at the moment
                // of a kill is also a request in flight on the killed replica
                boolean cutAtKill = false;
                if (status == 0 && server.equals("-")) {
                    for (List<Long> ks : kills.values()) {
                        for (long k : ks) if (start <= k + 500 && end >= k - 500) cutAtKill = true;
                    }
                }
                if ((killed && (status == 0 || status == 502 || status == 504)) || cutAtKill) {
                    inFlight++;
                    byReplica.merge(cutAtKill ? "connection cut" : server, 1L, Long::sum);
                } else if (pgBegin > 0 && end >= pgBegin && start <= pgEnd + 60_000 && status != -1) {
                    // in flight when the database went down, or sent before the replicas had reconnected
                    duringDb++;
                    lastDbFailure = Math.max(lastDbFailure, end);
                } else {
                    unexplained++;
                    if (unexplainedLines.size() < 10) unexplainedLines.add(line);
                }
            }

            // polls: once per period per account
            List<String> pollRows = new ArrayList<>();
            boolean pollsOk = true;
            for (String line : Files.exists(out.resolve("db.txt")) ? Files.readAllLines(out.resolve("db.txt")) : List.<String>of()) {
                if (!line.startsWith("poll_runs ")) continue;
                String[] f = line.split(" ");
                long runs = Long.parseLong(f[3]);
                double minGap = Double.parseDouble(f[4]), maxGap = Double.parseDouble(f[5]);
                long overlaps = Long.parseLong(f[6]);
                long expected = seconds / interval;
                boolean ok = overlaps == 0 && (runs < 2 || minGap >= 0.9 * interval) && runs >= expected / 2;
                pollsOk &= ok;
                pollRows.add(String.format(Locale.ROOT, "| %s | %d | %d | %.1f s | %.1f s | %d | %s |", f[2], runs, expected, minGap, maxGap, overlaps, ok ? "yes" : "**no**"));
            }

            // memory: heap after a full GC, first and last sample of every process that lived through >= 2 samples
            Map<String, long[]> mem = new LinkedHashMap<>(); // name/pid -> first t, first kb, last t, last kb
            for (String line : Files.exists(out.resolve("memory.txt")) ? Files.readAllLines(out.resolve("memory.txt")) : List.<String>of()) {
                String[] f = line.split(" ");
                String key = f[1] + " (pid " + f[2] + ")";
                long t = Long.parseLong(f[0]), kb = Long.parseLong(f[3]);
                mem.compute(key, (k, v) -> v == null ? new long[] {t, kb, t, kb} : new long[] {v[0], v[1], t, kb});
            }
            List<String> memRows = new ArrayList<>();
            boolean memOk = true;
            for (Map.Entry<String, long[]> e : mem.entrySet()) {
                long[] v = e.getValue();
                if (v[2] - v[0] < 60_000) continue;
                long growth = v[3] - v[1];
                boolean ok = growth < 32 * 1024;
                memOk &= ok;
                memRows.add(String.format(Locale.ROOT, "| %s | %.0f s | %.1f MB | %.1f MB | %+.1f MB |", e.getKey(), (v[2] - v[0]) / 1000.0, v[1] / 1024.0, v[3] / 1024.0, growth / 1024.0));
            }

            long keys = num(d, "write_keys"), twoIds = num(d, "write_keys_with_two_ids");
            long catsDelta = num(d, "cats_candidates_after") - num(d, "cats_candidates_before");
            long cats429 = status429(d.get("cats_counters")), loxo429 = status429(d.get("loxo_counters")), lever429 = status429(d.get("lever_counters"));
            long events = num(db, "events_since_endpoint"), receivedEvents = num(d, "webhook_events_received");
            Set<String> receivedIds = Files.exists(out.resolve("received.txt")) ? new java.util.HashSet<>(Files.readAllLines(out.resolve("received.txt"))) : Set.of();
            List<String> dbIds = Files.exists(out.resolve("events.txt")) ? Files.readAllLines(out.resolve("events.txt")) : List.of();
            long notReceived = dbIds.stream().filter(id -> !id.isBlank() && !receivedIds.contains(id)).count();
            long advisory = num(db, "advisory_locks_max_of_5_idle_samples");

            Map<String, Boolean> checks = new LinkedHashMap<>();
            checks.put("every failed attempt was in flight on a killed replica or during the database restart", unexplained == 0);
            checks.put("every operation succeeded in the end (client retries within 60 s)", num(d, "ops_failed") == 0);
            checks.put("no duplicate at the sandbox for a retried idempotency key", twoIds == 0 && catsDelta == keys);
            checks.put("0 provider 429s", cats429 == 0 && loxo429 == 0 && lever429 == 0);
            checks.put("change polls once per period, never overlapping", pollsOk && !pollRows.isEmpty());
            checks.put("no scheduled execution left picked by a dead replica", num(db, "scheduled_tasks_picked_by_dead") == 0);
            checks.put("every outbox event delivered", num(db, "deliveries_pending") == 0 && num(db, "deliveries_failed") == 0
                    && num(db, "events_without_success") == 0 && notReceived == 0 && events > 0);
            checks.put("no advisory lock left held", advisory == 0);
            checks.put("heap after GC flat (< 32 MB growth per process)", memOk && !memRows.isEmpty());
            boolean pass = checks.values().stream().allMatch(b -> b);

            StringBuilder md = new StringBuilder();
            md.append("<!-- cluster-soak:begin (written by ./interlink cluster soak; edits here are overwritten) -->\n");
            md.append("## Cluster soak (issue 15)\n\n");
            md.append("Reproduce: `./interlink cluster soak --minutes ").append(seconds / 60).append("` (scripts/cluster.sh, load driver ")
                    .append("scripts/soak/SoakDriver.java). 3 platform-api, 2 link-ui, 1 admin-ui behind HAProxy 2.6, one private ")
                    .append("PostgreSQL, the provider sandbox; 6 client threads for ").append(seconds).append(" s; change polls every ")
                    .append(interval).append(" s. Traffic: unified candidate reads and proxied `GET /users` on the Lever demo account ")
                    .append("(OAuth, 10/s), unified candidate writes with `Idempotency-Key` on the CATS account (paced to 200 over the run: ")
                    .append("CATS allows 500 calls an hour and a write costs two), link flows re-authorizing the Loxo account (link token, ")
                    .append("widget page through the link-ui balancer, session, credentials verified at Loxo), and one webhook endpoint for ")
                    .append("every event type, served by the driver. Run at ").append(Instant.ofEpochMilli(Files.getLastModifiedTime(out.resolve("driver.txt")).toMillis()).truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
                    .append(" on the shared 2-core machine (other builds running). Result: **").append(pass ? "PASS" : "FAIL").append("**.\n\n");
            md.append("Faults, in order: ");
            List<String> f = new ArrayList<>();
            for (String line : faultLines) {
                String[] p = line.split(" ", 2);
                if (p[1].startsWith("kill") || p[1].startsWith("pg-restart begin")) f.add(p[1].replace("kill ", "SIGKILL ").replace("pg-restart begin", "PostgreSQL restart"));
            }
            md.append(String.join(", ", f)).append(" (each killed replica restarted after 8 s").append(pgEnd > 0 ? String.format(Locale.ROOT, "; the database was down %.1f s", (pgEnd - pgBegin) / 1000.0) : "").append(").\n\n");
            md.append("| operations | count |\n|---|---:|\n");
            md.append("| attempted (read / write / proxy / link) | ").append(num(d, "ops_read") + num(d, "ops_write") + num(d, "ops_proxy") + num(d, "ops_link"))
                    .append(" (").append(num(d, "ops_read")).append(" / ").append(num(d, "ops_write")).append(" / ").append(num(d, "ops_proxy")).append(" / ").append(num(d, "ops_link")).append(") |\n");
            md.append("| answered as designed: 2xx, or 429 from our own rate budget before any provider call | ").append(num(d, "ops_succeeded")).append(" |\n");
            md.append("| of those, refused by our own budget | ").append(num(d, "refused_by_our_rate_budget")).append(" |\n");
            md.append("| failed (after 60 s of retries) | ").append(num(d, "ops_failed")).append(" |\n");
            md.append("| of the succeeded: needed a retry | ").append(num(d, "ops_recovered_by_retry")).append(" |\n");
            md.append("| HTTP attempts | ").append(num(d, "http_attempts")).append(" |\n");
            md.append("| failed attempts in flight on a killed replica | ").append(inFlight).append(" ").append(byReplica).append(" |\n");
            md.append("| failed attempts during the database restart (503, Retry-After) | ").append(duringDb)
                    .append(lastDbFailure > 0 ? String.format(Locale.ROOT, " (the last one ended %.1f s after the restart began)", (lastDbFailure - pgBegin) / 1000.0) : "").append(" |\n");
            md.append("| failed attempts otherwise (must be 0) | ").append(unexplained).append(" |\n");
            md.append("| latency of an operation, p50 / p99 (retries included) | ").append(d.getOrDefault("latency_p50_ms", "-")).append(" / ").append(d.getOrDefault("latency_p99_ms", "-")).append(" ms |\n\n");
            md.append("| invariant | figures |\n|---|---|\n");
            md.append("| idempotency | ").append(keys).append(" keys created a candidate, ").append(num(d, "write_deliberate_same_key_resends"))
                    .append(" deliberate same-key resends; CATS sandbox candidates grew by ").append(catsDelta).append("; keys answered with two ids: ").append(twoIds).append(" |\n");
            md.append("| provider 429s | CATS ").append(cats429).append(" of ").append(requests(d.get("cats_counters"))).append(" calls, Lever ").append(lever429).append(" of ").append(requests(d.get("lever_counters")))
                    .append(", Loxo ").append(loxo429).append(" of ").append(requests(d.get("loxo_counters"))).append(" |\n");
            md.append("| outbox | ").append(events).append(" events published while the endpoint existed (")
                    .append(num(db, "events_without_success")).append(" without a successful delivery, ").append(notReceived)
                    .append(" never seen by the receiver), ").append(num(db, "deliveries_succeeded")).append(" deliveries succeeded, ")
                    .append(num(db, "deliveries_pending")).append(" pending, ").append(num(db, "deliveries_failed")).append(" failed, ")
                    .append(num(db, "delivery_attempts")).append(" attempts; receiver saw ").append(receivedEvents).append(" distinct events in ")
                    .append(num(d, "webhook_deliveries_received")).append(" deliveries (at least once) |\n");
            md.append("| advisory locks after the run | ").append(advisory).append(" (max of 5 samples, 1 s apart) |\n");
            md.append("| scheduled executions left picked by a dead replica | ").append(num(db, "scheduled_tasks_picked_by_dead")).append(" |\n\n");
            md.append("Change polls (`change_poll_run`, the cluster-wide db-scheduler job):\n\n| provider | runs | periods | min gap | max gap | overlapping | once per period |\n|---|---:|---:|---:|---:|---:|---|\n");
            pollRows.forEach(r -> md.append(r).append('\n'));
            md.append("\nHeap after a full GC (`jcmd GC.run` + `GC.heap_info`), first and last sample of every process that lived 60 s or more:\n\n| process | between | first | last | growth |\n|---|---:|---:|---:|---:|\n");
            memRows.forEach(r -> md.append(r).append('\n'));
            md.append("\n| check | |\n|---|---|\n");
            checks.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v ? "yes" : "**NO**").append(" |\n"));
            if (!unexplainedLines.isEmpty()) {
                md.append("\nUnexplained failed attempts (start, end, operation, status, replica, code):\n\n```\n");
                unexplainedLines.forEach(l -> md.append(l).append('\n'));
                md.append("```\n");
            }
            md.append("<!-- cluster-soak:end -->\n");

            System.out.print(md);
            String docs = args.get("docs");
            if (docs != null) {
                Path p = Path.of(docs);
                String text = Files.readString(p);
                int a = text.indexOf("<!-- cluster-soak:begin"), b = text.indexOf("<!-- cluster-soak:end -->");
                String updated = a >= 0 && b > a
                        ? text.substring(0, a) + md + text.substring(b + "<!-- cluster-soak:end -->\n".length())
                        : text.stripTrailing() + "\n\n" + md;
                Files.writeString(p, updated);
            }
            return pass ? 0 : 1;
        }
    }

    // --- a minimal JSON reader and writer (the driver has no dependency) ----------------------------------------

    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String s) {
            Json j = new Json(s);
            j.ws();
            Object v = j.value();
            return v;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        private Object value() {
            ws();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                ws();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    ws();
                    String k = string();
                    ws();
                    i++; // :
                    m.put(k, value());
                    ws();
                    if (s.charAt(i++) == '}') return m;
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                ws();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    ws();
                    if (s.charAt(i++) == ']') return l;
                }
            }
            if (c == '"') return string();
            if (s.startsWith("true", i)) {
                i += 4;
                return true;
            }
            if (s.startsWith("false", i)) {
                i += 5;
                return false;
            }
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            String n = s.substring(start, i);
            if (n.isEmpty()) throw new IllegalArgumentException("not JSON at " + start);
            return n.contains(".") || n.contains("e") || n.contains("E") ? (Number) Double.parseDouble(n) : (Number) Long.parseLong(n);
        }

        private String string() {
            StringBuilder b = new StringBuilder();
            i++; // "
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }

        static String write(Object v) {
            if (v == null) return "null";
            if (v instanceof String str) {
                StringBuilder b = new StringBuilder("\"");
                for (char c : str.toCharArray()) {
                    if (c == '"' || c == '\\') b.append('\\').append(c);
                    else if (c < 0x20) b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else b.append(c);
                }
                return b.append('"').toString();
            }
            if (v instanceof Map<?, ?> m) {
                StringBuilder b = new StringBuilder("{");
                m.forEach((k, val) -> {
                    if (b.length() > 1) b.append(',');
                    b.append(write(String.valueOf(k))).append(':').append(write(val));
                });
                return b.append('}').toString();
            }
            if (v instanceof List<?> l) {
                StringBuilder b = new StringBuilder("[");
                for (Object o : l) {
                    if (b.length() > 1) b.append(',');
                    b.append(write(o));
                }
                return b.append(']').toString();
            }
            return String.valueOf(v);
        }
    }
}
