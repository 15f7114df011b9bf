package dev.interlink.e2e.admin;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.e2e.Browser;
import dev.interlink.e2e.Stack;
import java.io.IOException;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The shared e2e harness ({@link Stack}: sandbox, platform-api, link-ui as processes; {@link Browser}) plus what
 * it lacks for the admin UI: starting admin-ui against the stack's platform-api, and tenants that have an admin
 * user (operator CLI with {@code --admin-email}).
 */
final class AdminStack implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final Stack stack;
    final Path root;
    final Path target;
    final String apiUrl;
    String adminUrl;
    private Process adminUi;
    private Browser browser;

    private AdminStack(Stack stack) {
        this.stack = stack;
        this.root = stack.root;
        this.target = stack.target;
        this.apiUrl = stack.apiUrl;
    }

    static AdminStack start(String label) throws Exception {
        AdminStack admin = new AdminStack(Stack.start(label));
        try {
            admin.startAdminUi(label);
            return admin;
        } catch (Throwable t) {
            admin.close();
            throw t;
        }
    }

    /** A tenant with a first admin, through the operator CLI: {@code {tenant_id, client_id, client_secret, ...}}. */
    JsonNode tenantWithAdmin(String label, String name, String email, String password) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String out = stack.runCliWithStdin(
                java,
                List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                label,
                password + "\n", // on stdin: a password on the command line is visible in ps
                "tenant",
                "create",
                "--name",
                name,
                "--admin-email",
                email,
                "--admin-password-stdin");
        return JSON.readTree(out.substring(out.indexOf('{')));
    }

    /** The shared harness's browser (Debian Chromium, fresh profile, screenshots in target/screenshots). */
    ChromeDriver browser(String label) throws Exception {
        browser = Browser.start(target, label);
        return browser.driver;
    }

    void beginTest(String name) {
        browser.beginTest(name);
    }

    void screenshot(String what) {
        browser.screenshot(what);
    }

    private void startAdminUi(String label) throws Exception {
        Path jar = root.resolve("admin-ui/target/admin-ui.jar");
        Path lib = root.resolve("admin-ui/target/lib");
        if (!Files.exists(jar) || !Files.isDirectory(lib)) {
            String msg = "Not built: admin-ui/target/admin-ui.jar. Build first: mvn -q -pl admin-ui -am package"
                    + " -DskipTests -Pproduction";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(msg);
            Assumptions.abort(msg);
        }
        int port = freePort();
        adminUrl = "http://127.0.0.1:" + port;
        Path log = Files.createDirectories(target.resolve("logs")).resolve(label + "-admin-ui.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                        java,
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-Xmx384m",
                        "-cp",
                        jar + ":" + lib + "/*",
                        "dev.interlink.admin.AdminUiMain")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("INTERLINK_"));
        pb.environment()
                .putAll(Map.of(
                        "INTERLINK_ADMIN_UI_PORT",
                        String.valueOf(port),
                        // its /metrics port: never the default 9092 another stack or ./interlink up may hold
                        "INTERLINK_ADMIN_UI_MANAGEMENT_PORT",
                        String.valueOf(freePort()),
                        "INTERLINK_ADMIN_UI_HOST",
                        "127.0.0.1",
                        "INTERLINK_API_URL",
                        apiUrl,
                        // plain http here: the session cookie is Secure outside dev mode
                        "INTERLINK_DEV_MODE",
                        "true"));
        adminUi = pb.start();
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (!adminUi.isAlive()) fail("admin-ui exited before it was ready; log " + log);
            try {
                HttpResponse<Void> r = HTTP.send(
                        HttpRequest.newBuilder(URI.create(adminUrl + "/signin"))
                                .timeout(Duration.ofSeconds(3))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // polling
            }
            Thread.sleep(200);
        }
        fail("admin-ui not ready at " + adminUrl + " after 120 s; log " + log);
    }

    // --- tenant API calls ------------------------------------------------------------------------------------

    record Response(int status, JsonNode body, String raw) {}

    static String token(String apiUrl, String clientId, String secret) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(apiUrl + "/oauth/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200
                ? JSON.readTree(r.body()).path("access_token").asText()
                : null;
    }

    Response api(String token, String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(apiUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        try {
            json = r.body().isBlank() ? null : JSON.readTree(r.body());
        } catch (IOException notJson) {
            // raw kept
        }
        return new Response(r.statusCode(), json, r.body());
    }

    /** A fresh sandbox provider account, through the harness. */
    JsonNode sandboxAccount(String provider) throws Exception {
        return stack.sandboxAccount(provider);
    }

    /** A fresh sandbox provider account with {@code candidates} candidates. */
    JsonNode sandboxAccount(String provider, int candidates) throws Exception {
        return stack.sandboxAccount(provider, candidates);
    }

    /** Slows every answer of a sandbox account down (0: back to normal). */
    void sandboxLatency(String accountId, long latencyMs) throws Exception {
        stack.sandboxLatency(accountId, latencyMs);
    }

    @Override
    public void close() {
        if (browser != null) {
            browser.close();
        }
        if (adminUi != null && adminUi.isAlive()) {
            adminUi.destroy();
            try {
                if (!adminUi.waitFor(10, TimeUnit.SECONDS)) adminUi.destroyForcibly();
            } catch (InterruptedException e) {
                adminUi.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        stack.close();
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static List<String> texts(List<org.openqa.selenium.WebElement> elements) {
        List<String> out = new ArrayList<>();
        elements.forEach(e -> out.add(e.getText()));
        return out;
    }
}
