package dev.interlink.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays a realistic tenant session through Prism's validating proxy ({@code @stoplight/prism-cli}, a validator
 * nobody here wrote, pinned in tools/openapi) in front of a real server: every request and every response must
 * match the OpenAPI document. With {@code --errors}, Prism turns any violation into an error answer, which the
 * test reports with Prism's own description.
 */
@MicronautTest(transactional = false)
class OpenApiPrismReplayTest extends ApiTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path PRISM = ROOT.resolve("tools/openapi/node_modules/.bin/prism");
    private static final Path SPEC = ROOT.resolve("platform-api/src/main/resources/openapi/interlink-api-0.1.yml");

    private Sandbox.AccountInfo cats;

    @Override
    protected Map<String, String> extraProperties() {
        cats = ProviderSandbox.get().createAccount("cats", 17, 7);
        return ProviderSandbox.properties();
    }

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    private Process prism;
    private Api api;
    private final List<String> violations = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();

    @BeforeAll
    void startPrism() throws Exception {
        if (!Files.isExecutable(PRISM)) {
            Process install = new ProcessBuilder(
                            "bash", ROOT.resolve("scripts/openapi-check.sh").toString(), "install")
                    .inheritIO()
                    .start();
            assertThat(install.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(install.exitValue())
                    .as("scripts/openapi-check.sh install")
                    .isZero();
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String upstream = server.getURI().toString().replaceAll("/$", "");
        prism = new ProcessBuilder(
                        PRISM.toString(),
                        "proxy",
                        SPEC.toString(),
                        upstream,
                        "--errors",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        CountDownLatch listening = new CountDownLatch(1);
        StringBuilder log = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(prism.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    if (line.contains("Prism is listening")) listening.countDown();
                }
            } catch (Exception ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        assertThat(listening.await(90, TimeUnit.SECONDS))
                .as("Prism did not start:\n" + log)
                .isTrue();
        api = new Api(URI.create("http://127.0.0.1:" + port));
    }

    @AfterAll
    void stopPrism() {
        if (prism != null) prism.destroy();
    }

    /** Sends through Prism, records any violation Prism reports, and checks the status the API answered. */
    private Api.Response call(
            String method, String path, String token, Object body, Map<String, String> headers, int expected) {
        // Prism itself asks upstream for "Accept-Encoding: *" unless the client names one, and Netty answers "*"
        // with snappy, which Prism cannot read: name what real clients send
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.putIfAbsent("Accept-Encoding", "gzip");
        Api.Response response = api.send(method, path, token, body, all);
        calls.add(method + " " + path + " -> " + response.status());
        boolean prismError =
                response.text().contains("stoplight.io/prism/errors") || response.header("sl-violations") != null;
        if (prismError) {
            violations.add(method + " " + path + " -> " + response.status() + " " + response.text() + " "
                    + response.headers().map().getOrDefault("sl-violations", List.of()));
        } else if (response.status() != expected) {
            violations.add(method + " " + path + ": expected " + expected + ", got " + response.status() + " "
                    + response.text());
        }
        return response;
    }

    private Api.Response get(String path, String token, int expected) {
        return call("GET", path, token, null, Map.of(), expected);
    }

    /** Lists a page, then follows its next_cursor once when there is one. */
    private JsonNode listWithFollowUp(String path, String token) {
        JsonNode page = get(path, token, 200).json();
        String cursor = page.path("next_cursor").asText(null);
        if (cursor != null && !page.path("next_cursor").isNull()) {
            get(path + (path.contains("?") ? "&" : "?") + "next_cursor=" + enc(cursor), token, 200);
        }
        return page;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void a_realistic_session_through_prism_has_no_violation() {
        TenantService.Bootstrap acme = tenants.create("Prism Recruiting");
        String form = "grant_type=client_credentials&client_id=" + enc(acme.clientId()) + "&client_secret="
                + enc(acme.clientSecret());
        String token = call(
                        "POST",
                        "/oauth/token",
                        null,
                        form,
                        Map.of("Content-Type", "application/x-www-form-urlencoded"),
                        200)
                .json()
                .path("access_token")
                .asText();

        // tenant and API clients
        get("/tenant", token, 200);
        call("PATCH", "/tenant", token, Map.of("allowed_origins", List.of("https://app.prism.example")), Map.of(), 200);
        String clientId = call(
                        "POST",
                        "/api-clients",
                        token,
                        Map.of("name", "reporting", "scopes", List.of("unified:read")),
                        Map.of(),
                        201)
                .json()
                .path("client")
                .path("id")
                .asText();
        get("/api-clients", token, 200);
        call("POST", "/api-clients/" + clientId + "/secrets", token, null, Map.of(), 201);
        call("DELETE", "/api-clients/" + clientId, token, null, Map.of(), 200);

        // integrations, accounts, link tokens
        get("/integrations", token, 200);
        get("/.well-known/jwks.json", null, 200);
        String account = call(
                        "POST",
                        "/integrated-accounts",
                        token,
                        Map.of(
                                "provider",
                                "cats",
                                "end_user",
                                Map.of("id", "customer-1", "name", "Customer One"),
                                "credentials",
                                Map.of("api_key", cats.apiKey())),
                        Map.of(),
                        201)
                .json()
                .path("id")
                .asText();
        listWithFollowUp("/integrated-accounts?limit=1", token);
        get("/integrated-accounts/" + account, token, 200);
        get("/integrated-accounts/" + account + "/status-history", token, 200);
        get("/integrated-accounts/" + account + "/capabilities", token, 200);
        get("/integrated-accounts/" + account + "/change-polls", token, 200);
        String linkToken = call(
                        "POST",
                        "/link-tokens",
                        token,
                        Map.of("end_user", Map.of("id", "customer-2", "email", "jane@customer.example")),
                        Map.of(),
                        201)
                .json()
                .path("link_token")
                .asText();
        call("GET", "/link-session", null, null, Map.of("X-Link-Token", linkToken), 200);

        // every unified list with a cursor follow-up, and one record of each
        String q = "?integrated_account_id=" + account + "&limit=2";
        String candidate = null;
        for (String resource : List.of(
                "candidates", "jobs", "applications", "job_interview_stages", "companies", "users", "organizations")) {
            JsonNode page = listWithFollowUp("/unified/ats/" + resource + q, token);
            if (page.path("result").size() > 0) {
                String id = page.path("result").get(0).path("id").asText();
                if (resource.equals("candidates")) candidate = id;
                get("/unified/ats/" + resource + "/" + id + "?integrated_account_id=" + account, token, 200);
            }
        }
        assertThat(candidate)
                .as("the sandbox account has candidates; violations: " + violations)
                .isNotNull();
        listWithFollowUp("/unified/ats/attachments" + q + "&candidate_id=" + candidate, token);
        listWithFollowUp("/unified/user-directory/users" + q, token);
        get("/unified/ats/candidates" + q + "&include_remote_data=true", token, 200);

        // an invalid write (schema-valid, refused by the API), a 404, a bad token, the proxy, logs, webhooks, health
        Api.Response invalid = call(
                "POST",
                "/unified/ats/applications?integrated_account_id=" + account,
                token,
                Map.of("candidate_id", "not-an-id", "job_id", "not-an-id"),
                Map.of(),
                400);
        assertThat(invalid.code()).isEqualTo("PLATFORM.INPUT_INVALID");
        get("/integrated-accounts/" + UUID.randomUUID(), token, 404);
        get("/tenant", "not-a-token", 401);
        get("/proxy/site?integrated_account_id=" + account, token, 200);
        get("/proxy/a:b?integrated_account_id=" + account, token, 400);
        get("/unified/ats/candidates" + q + "&next_cursor=tampered", token, 400);
        String narrow = call(
                        "POST",
                        "/oauth/token",
                        null,
                        form + "&scope=unified%3Aread",
                        Map.of("Content-Type", "application/x-www-form-urlencoded"),
                        200)
                .json()
                .path("access_token")
                .asText();
        get("/tenant", narrow, 403);
        JsonNode logs = listWithFollowUp("/logs?limit=2", token);
        get("/logs/" + logs.path("result").get(0).path("id").asText(), token, 200);
        get("/webhook-event-types", token, 200);
        listWithFollowUp("/webhook-endpoints?limit=1", token);
        get("/health", null, 200);
        get("/health/readiness", null, 200);

        assertThat(calls).hasSizeGreaterThan(30);
        assertThat(violations).as(String.join("\n", calls)).isEmpty();
    }
}
