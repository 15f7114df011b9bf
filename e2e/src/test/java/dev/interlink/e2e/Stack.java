package dev.interlink.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The whole product as real processes: provider-sandbox, platform-api (own PostgreSQL schema), link-ui and the
 * demo host page (scripts/demo-host), on random free ports, plus one tenant whose allowed origin is the demo host
 * on {@code http://localhost:<port>} (so {@code http://127.0.0.1:<port>} is the same page on a NOT allowed origin).
 */
public final class Stack implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SANDBOX_ADMIN_TOKEN = "sandbox-admin";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    public final Path root =
            Path.of(System.getProperty("interlink.root", "..")).toAbsolutePath().normalize();
    public final Path target =
            Path.of(System.getProperty("e2e.target", "target")).toAbsolutePath();
    final Path logs = target.resolve("logs");
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final List<ManagedProcess> processes = new ArrayList<>();

    final String schema = "e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String dbUrl;
    String dbUser;
    String dbPassword;
    int sandboxPort;
    int apiPort;
    int managementPort;
    int linkUiPort;
    int hostPort;
    String sandboxUrl;
    public String apiUrl;
    String linkUiUrl;
    /** The demo host page on its allowed origin. */
    String hostUrl;
    /** The same demo host page on an origin the tenant did NOT allow. */
    String otherOriginHostUrl;

    private Map<String, String> providerEnv = Map.of();

    String clientId;
    String clientSecret;
    private String accessToken;
    private Instant accessTokenExpires = Instant.EPOCH;

    /**
     * Starts everything, or skips the calling test class (locally) when the database or the jars are missing; with
     * {@code CI=true} those are failures.
     */
    public static Stack start(String label) throws Exception {
        return start(label, true);
    }

    /** The same processes for a test that drives no browser (Chromium is then not a precondition). */
    public static Stack startWithoutBrowser(String label) throws Exception {
        return start(label, false);
    }

    private static Stack start(String label, boolean browser) throws Exception {
        Stack stack = new Stack();
        stack.preconditions(browser);
        try {
            stack.boot(label);
            return stack;
        } catch (Throwable t) {
            stack.close();
            throw t;
        }
    }

    private void preconditions(boolean browser) {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        String url = System.getenv("TEST_JDBC_URL");
        String noDb = "TEST_JDBC_URL is not set: the e2e tests need PostgreSQL for platform-api"
                + " (./interlink test sets it; e.g. TEST_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/interlink_test"
                + " TEST_JDBC_USER=postgres)";
        if (url == null || url.isBlank()) {
            skipOrFail(ci, noDb);
        }
        List<String> missing = new ArrayList<>();
        for (Path jar : List.of(apiJar(), sandboxJar(), linkUiJar(), root.resolve("link-ui/target/lib"))) {
            if (!Files.exists(jar)) missing.add(root.relativize(jar).toString());
        }
        if (!missing.isEmpty()) {
            String msg = "Not built: " + missing + ". Build first: mvn -q -pl platform-api,provider-sandbox,link-ui -am"
                    + " package -DskipTests -Pproduction";
            skipOrFail(ci, msg);
        }
        for (String exe : browser ? List.of(Browser.CHROMIUM, Browser.CHROMEDRIVER) : List.<String>of()) {
            if (!Files.isExecutable(Path.of(exe))) {
                String msg = exe + " is missing: run scripts/ensure-chromium.sh";
                skipOrFail(ci, msg);
            }
        }
        dbUrl = url.trim() + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        dbUser = envOr("TEST_JDBC_USER", "postgres");
        dbPassword = envOr("TEST_JDBC_PASSWORD", "");
    }

    /** Locally a missing precondition skips (loudly: surefire hides class-level skip reasons); on CI it fails. */
    private static void skipOrFail(boolean ci, String reason) {
        if (ci) fail(reason + " (CI=true: not skipping)");
        System.err.println("[e2e] SKIPPED: " + reason);
        Assumptions.abort(reason);
    }

    private Path apiJar() {
        return root.resolve("platform-api/target/platform-api.jar");
    }

    private Path sandboxJar() {
        return root.resolve("provider-sandbox/target/provider-sandbox.jar");
    }

    private Path linkUiJar() {
        return root.resolve("link-ui/target/link-ui.jar");
    }

    private void boot(String label) throws Exception {
        Files.createDirectories(logs);
        sandboxPort = freePort();
        apiPort = freePort();
        managementPort = freePort();
        linkUiPort = freePort();
        hostPort = freePort();
        sandboxUrl = "http://127.0.0.1:" + sandboxPort;
        apiUrl = "http://127.0.0.1:" + apiPort;
        linkUiUrl = "http://127.0.0.1:" + linkUiPort;
        hostUrl = "http://localhost:" + hostPort;
        otherOriginHostUrl = "http://127.0.0.1:" + hostPort;
        Path tenantFile = target.resolve("tenant-" + label + ".json");
        Files.deleteIfExists(tenantFile);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> jvm = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

        Map<String, String> sandboxEnv = Map.of(
                "INTERLINK_SANDBOX_PORT",
                String.valueOf(sandboxPort),
                "INTERLINK_SANDBOX_HOST",
                "127.0.0.1",
                "INTERLINK_SANDBOX_ADMIN_TOKEN",
                SANDBOX_ADMIN_TOKEN);
        processes.add(ManagedProcess.start(
                label + "-sandbox",
                command(java, jvm, "-Xmx512m", "-jar", sandboxJar().toString()),
                sandboxEnv,
                root,
                logs));

        // platform-api is pointed at every provider the sandbox simulates, as the sandbox itself reports them
        awaitHttp(processes.get(0), sandboxUrl + "/_sandbox/health");
        providerEnv = providerEnv();

        processes.add(ManagedProcess.start(
                label + "-platform-api",
                command(java, jvm, "-Xmx512m", flywaySchema(), "-jar", apiJar().toString()),
                apiEnv(),
                root,
                logs));

        processes.add(ManagedProcess.start(
                label + "-link-ui",
                command(
                        java,
                        jvm,
                        "-Xmx384m",
                        "-cp",
                        linkUiJar() + ":" + root.resolve("link-ui/target/lib") + "/*",
                        "dev.interlink.link.LinkUiMain"),
                Map.of(
                        "INTERLINK_LINK_UI_PORT",
                        String.valueOf(linkUiPort),
                        // its /metrics port: never the default 9091 another stack or ./interlink up may hold
                        "INTERLINK_LINK_UI_MANAGEMENT_PORT",
                        String.valueOf(freePort()),
                        "INTERLINK_LINK_UI_HOST",
                        "127.0.0.1",
                        "INTERLINK_API_URL",
                        apiUrl),
                root,
                logs));

        // The demo host reads the tenant file lazily, so it can start before the tenant exists.
        processes.add(ManagedProcess.start(
                label + "-demo-host",
                command(
                        java,
                        jvm,
                        "-Xmx128m",
                        root.resolve("scripts/demo-host/DemoHost.java").toString()),
                Map.of(
                        "INTERLINK_DEMO_HOST_PORT",
                        String.valueOf(hostPort),
                        "INTERLINK_API_URL",
                        apiUrl,
                        "INTERLINK_LINK_UI_URL",
                        linkUiUrl,
                        "INTERLINK_DEMO_TENANT_FILE",
                        tenantFile.toString()),
                root,
                logs));

        awaitHttp(processes.get(1), apiUrl + "/health/readiness");

        // The tenant, through the operator CLI (same env as the server).
        String out = runCli(java, jvm, label, "tenant", "create", "--name", "E2E Co");
        JsonNode created = JSON.readTree(out.substring(out.indexOf('{')));
        clientId = created.path("client_id").asText(null);
        clientSecret = created.path("client_secret").asText(null);
        if (clientId == null || clientSecret == null) {
            fail("tenant create printed no client credentials: " + out);
        }
        Files.writeString(tenantFile, out.substring(out.indexOf('{')));

        Map<String, Object> patch = Map.of("display_name", "Acme HR (E2E)", "allowed_origins", List.of(hostUrl));
        Response patched = api("PATCH", "/tenant", patch);
        if (patched.status() != 200) {
            fail("PATCH /tenant " + JSON.writeValueAsString(patch) + " answered " + patched);
        }

        awaitHttp(processes.get(2), linkUiUrl + "/interlink-link.js");
        awaitHttp(processes.get(3), hostUrl + "/healthz");
    }

    /** The last lines the demo host logged, for failure messages. */
    String demoHostLogTail() {
        return processes.get(3).tail(40);
    }

    private String flywaySchema() {
        return "-Dflyway.datasources.default.schemas=" + schema;
    }

    private Map<String, String> apiEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("INTERLINK_DB_URL", dbUrl);
        env.put("INTERLINK_DB_USER", dbUser);
        env.put("INTERLINK_DB_PASSWORD", dbPassword);
        env.put("INTERLINK_DB_POOL_SIZE", "5");
        env.put("INTERLINK_DEV_MODE", "true");
        env.put("INTERLINK_HOME", target.resolve("interlink-home").toString());
        env.put("INTERLINK_API_PORT", String.valueOf(apiPort));
        // /metrics listens on a port of its own (docs/observability.md); a fixed 9090 would collide between stacks
        env.put("INTERLINK_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("INTERLINK_PUBLIC_API_URL", apiUrl);
        env.put("INTERLINK_LINK_UI_URL", linkUiUrl);
        env.putAll(providerEnv);
        return env;
    }

    /**
     * {@code INTERLINK_PROVIDER_<ID>_BASE_URL} (and {@code _AUTHORIZE_URL}/{@code _TOKEN_URL} for a provider with an
     * authorization server) for every provider {@code GET /_sandbox/providers} lists: no provider is named here.
     */
    private Map<String, String> providerEnv() throws IOException, InterruptedException {
        Response r = send(HttpRequest.newBuilder(URI.create(sandboxUrl + "/_sandbox/providers"))
                .timeout(Duration.ofSeconds(10))
                .header("X-Sandbox-Admin-Token", SANDBOX_ADMIN_TOKEN)
                .GET()
                .build());
        if (r.status() != 200 || !r.body().isArray()) fail("GET /_sandbox/providers answered " + r);
        Map<String, String> env = new HashMap<>();
        for (JsonNode p : r.body()) {
            String prefix = "INTERLINK_PROVIDER_" + p.path("id").asText().toUpperCase(java.util.Locale.ROOT) + "_";
            env.put(prefix + "BASE_URL", sandboxUrl + p.path("base_path").asText());
            JsonNode oauth = p.path("oauth");
            if (oauth.isObject()) {
                env.put(
                        prefix + "AUTHORIZE_URL",
                        sandboxUrl + oauth.path("authorize_path").asText());
                env.put(
                        prefix + "TOKEN_URL",
                        sandboxUrl + oauth.path("token_path").asText());
            }
        }
        return env;
    }

    public String runCli(String java, List<String> jvm, String label, String... args) throws Exception {
        return runCliWithStdin(java, jvm, label, null, args);
    }

    /** {@link #runCli} with {@code stdin} written to the command's standard input (e.g. a password), then closed. */
    public String runCliWithStdin(String java, List<String> jvm, String label, String stdin, String... args)
            throws Exception {
        List<String> cmd = command(java, jvm, "-Xmx256m", flywaySchema(), "-jar", apiJar().toString());
        cmd.addAll(List.of(args));
        Path log = logs.resolve(label + "-cli.log");
        Path stdout = logs.resolve(label + "-cli.out");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(root.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("INTERLINK_"));
        pb.environment().putAll(apiEnv());
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("platform-api CLI " + List.of(args) + " did not finish in 90 s (log: " + log + ")");
        }
        String out = Files.readString(stdout);
        if (p.exitValue() != 0 || !out.contains("{")) {
            fail("platform-api CLI " + List.of(args) + " exited " + p.exitValue() + ": " + out + "\n"
                    + Files.readString(log));
        }
        return out;
    }

    private static List<String> command(String java, List<String> jvm, String... rest) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvm);
        cmd.addAll(List.of(rest));
        return cmd;
    }

    /** Polls until the URL answers 2xx; fails at once when the process died, or after a bounded wait. */
    private void awaitHttp(ManagedProcess process, String url) throws InterruptedException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.alive()) {
                fail(process.name + " exited (code " + process.process().exitValue() + ") before " + url
                        + " was ready; log " + process.log + ":\n" + process.tail(40));
            }
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(3))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) return;
                last = "HTTP " + r.statusCode();
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            }
            Thread.sleep(200); // polling interval, not a fixed wait
        }
        fail(process.name + " not ready at " + url + " after " + READY_TIMEOUT.toSeconds() + " s (" + last + "); log "
                + process.log + ":\n" + process.tail(40));
    }

    // --- HTTP helpers ---------------------------------------------------------------------------------------------

    record Response(int status, JsonNode body, String raw, java.net.http.HttpHeaders headers) {
        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    synchronized String accessToken() throws IOException, InterruptedException {
        if (accessToken != null && Instant.now().isBefore(accessTokenExpires)) return accessToken;
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(apiUrl + "/oauth/token"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) fail("POST /oauth/token answered " + r.statusCode() + ": " + r.body());
        JsonNode body = JSON.readTree(r.body());
        accessToken = body.path("access_token").asText();
        accessTokenExpires =
                Instant.now().plusSeconds(Math.max(30, body.path("expires_in").asLong(300) - 60));
        return accessToken;
    }

    /** A call to platform-api as the tenant. */
    Response api(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(apiUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + accessToken())
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(b.build());
    }

    Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        try {
            json = r.body().isBlank() ? null : JSON.readTree(r.body());
        } catch (IOException notJson) {
            // leave null: raw is kept
        }
        return new Response(r.statusCode(), json, r.body(), r.headers());
    }

    /** A fresh provider account in the sandbox: {@code {"account_id","api_key","agency_slug"?,...}}. */
    public JsonNode sandboxAccount(String provider) throws IOException, InterruptedException {
        return sandboxAccount(provider, 50);
    }

    /** A fresh provider account in the sandbox with {@code candidates} candidates. */
    public JsonNode sandboxAccount(String provider, int candidates) throws IOException, InterruptedException {
        Response r = sandbox(
                "POST", "/_sandbox/accounts", Map.of("provider", provider, "seed", 42, "candidates", candidates));
        if (r.status() != 201) fail("POST /_sandbox/accounts answered " + r);
        return r.body();
    }

    /** Every answer of the sandbox account takes {@code latencyMs} longer (0: the fault is cleared). */
    public void sandboxLatency(String accountId, long latencyMs) throws IOException, InterruptedException {
        String path = "/_sandbox/accounts/" + accountId + "/faults";
        Response r = latencyMs == 0
                ? sandbox("DELETE", path, null)
                : sandbox("PUT", path, Map.of("type", "latency", "probability", 1.0, "latency_ms", latencyMs));
        if (r.status() / 100 != 2) fail(path + " answered " + r);
    }

    private Response sandbox(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandboxUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("X-Sandbox-Admin-Token", SANDBOX_ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return send(request);
    }

    /**
     * A sandbox account of a provider with an OAuth server whose registered app redirects to platform-api's
     * callback; the answer has {@code client_id}, {@code client_secret}, {@code account_id}.
     */
    public JsonNode sandboxOAuthAccount(String provider) throws IOException, InterruptedException {
        Map<String, Object> body = Map.of(
                "provider",
                provider,
                "seed",
                42,
                "candidates",
                20,
                "redirect_uris",
                List.of(apiUrl + "/oauth/callback"));
        Response r = send(HttpRequest.newBuilder(URI.create(sandboxUrl + "/_sandbox/accounts"))
                .timeout(Duration.ofSeconds(10))
                .header("X-Sandbox-Admin-Token", SANDBOX_ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build());
        if (r.status() != 201) fail("POST /_sandbox/accounts answered " + r);
        return r.body();
    }

    /** {@code POST /link-tokens} for an end user; the whole answer ({@code link_token, link_url, expires_at}). */
    JsonNode linkToken(Map<String, Object> body) throws IOException, InterruptedException {
        Response r = api("POST", "/link-tokens", body);
        if (r.status() != 201 && r.status() != 200) {
            fail("POST /link-tokens " + JSON.writeValueAsString(body) + " answered " + r);
        }
        return r.body();
    }

    // --- teardown -----------------------------------------------------------------------------------------------

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        processes.clear();
        if (dbUrl != null) {
            try (Connection c = DriverManager.getConnection(
                            System.getenv("TEST_JDBC_URL").trim(), dbUser, dbPassword);
                    Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + schema + " cascade");
            } catch (SQLException e) {
                System.err.println("Could not drop schema " + schema + ": " + e.getMessage());
            }
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }
}
