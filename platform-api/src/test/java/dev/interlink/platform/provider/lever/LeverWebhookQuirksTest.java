package dev.interlink.platform.provider.lever;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.changes.AccountPoller;
import dev.interlink.platform.changes.ProviderWebhooks;
import dev.interlink.platform.changes.RecordingEvents;
import dev.interlink.platform.oauth.OAuthApps;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.LeverConnection;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.vault.SecretRef;
import dev.interlink.platform.vault.Vault;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Lever webhooks into the change engine (docs/providers/lever.md §6): registered at the sandbox's Lever when the
 * tenant has an ATS endpoint, a recruiter's stage move delivered by the sandbox and turned into
 * {@code ats.application.stage_changed}, and one test per quirk of the signature scheme (the body is not signed;
 * the per-delivery token and a recent {@code triggeredAt} are what stop replays).
 */
@MicronautTest(transactional = false)
class LeverWebhookQuirksTest extends ApiTest {
    static final int PORT = freePort();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    OAuthApps apps;

    @Inject
    AccountPoller poller;

    @Inject
    ProviderWebhooks webhooks;

    @Inject
    RecordingEvents events;

    @Inject
    Vault vault;

    Api api;
    TestTenants.TestTenant tenant;
    Sandbox.OAuthAccountInfo lever;
    String accessToken;
    UUID account;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(ProviderSandbox.properties());
        p.put("interlink.provider.lever.rate-limit.rate-per-second", "100000");
        p.put("interlink.provider.lever.rate-limit.burst", "100000");
        p.put("micronaut.server.port", String.valueOf(PORT));
        p.put("interlink.public-base-url", "http://127.0.0.1:" + PORT);
        p.put("interlink.changes.enabled", "false");
        p.put("interlink.changes.provider-webhooks", "true");
        p.put("interlink.changes.test.record-events", "true");
        p.put("interlink.dev-mode", "true");
        return p;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    void link() {
        Sandbox sandbox = ProviderSandbox.get();
        api = new Api(server.getURI());
        tenant = TestTenants.create(tenants, api, "Lever Webhooks Co");
        Api.Response endpoint = api.post(
                "/webhook-endpoints",
                tenant.token(),
                Map.of("url", "http://127.0.0.1:9/hooks", "event_types", List.of("ats.*")));
        assertThat(endpoint.status()).as(endpoint.text()).isEqualTo(201);
        LeverConnection connection = LeverConnection.connect(sandbox, api, tenant, apps, 31, 5);
        lever = connection.lever();
        accessToken = connection.tokens().accessToken();
        account = UUID.fromString(connection.accountId());
        poller.poll(tenant.id(), account); // the baseline: the engine knows every application's stage
        webhooks.reconcile(tenant.id(), account);
    }

    /** A call on the sandbox's Lever data API as the recruiter (not through Interlink). */
    JsonNode lever(String method, String path, Object body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(
                        URI.create(ProviderSandbox.get().baseUrl() + "/lever/v1" + path))
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        HttpResponse<String> answer = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
        return JSON.readTree(answer.body());
    }

    /** Our inbound URL, read back from the sandbox's webhook list (we keep only the token's hash). */
    String inboundUrl() throws Exception {
        JsonNode hooks = lever("GET", "/webhooks", null).path("data");
        assertThat(hooks).isNotEmpty();
        return hooks.get(0).path("url").asText();
    }

    String signingToken() {
        return vault.load(new SecretRef(tenant.id(), account, "provider_webhook"))
                .orElseThrow()
                .get("secret")
                .split(" ")[0];
    }

    JsonNode firstOpportunity() throws Exception {
        return lever("GET", "/opportunities?limit=1", null).path("data").get(0);
    }

    String envelope(String token, long triggeredAt, String signature, String opportunityId) throws Exception {
        return JSON.writeValueAsString(Map.of(
                "id",
                UUID.randomUUID().toString(),
                "triggeredAt",
                triggeredAt,
                "event",
                "candidateStageChange",
                "data",
                Map.of("opportunityId", opportunityId),
                "token",
                token,
                "signature",
                signature));
    }

    HttpResponse<String> deliver(String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(inboundUrl()))
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "Lever-Webhooks")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    List<RecordingEvents.Published> stageChanges(String applicationId) {
        return events.ofType("ats.application.stage_changed").stream()
                .filter(e -> account.toString().equals(e.data().get("integrated_account_id")))
                .filter(e -> applicationId.equals(e.data().get("application_id")))
                .toList();
    }

    @SuppressWarnings("unchecked")
    static Object stageId(Object stage) {
        return ((Map<String, Object>) stage).get("id");
    }

    @Test
    @DisplayName("Interlink registers one Lever webhook per followed event on our inbound URL")
    void one_webhook_per_followed_event_is_registered() throws Exception {
        JsonNode hooks = lever("GET", "/webhooks", null).path("data");
        assertThat(hooks).hasSize(LeverWebhook.EVENTS.size());
        hooks.forEach(
                h -> assertThat(h.path("url").asText()).startsWith("http://127.0.0.1:" + PORT + "/inbound/lever/"));
    }

    @Test
    @DisplayName("A recruiter's stage move on Lever reaches the engine as a stage change from the provider webhook")
    void a_lever_stage_move_reaches_the_engine_through_the_lever_webhook() throws Exception {
        JsonNode opp = lever("GET", "/opportunities?limit=2", null).path("data").get(1);
        String from = opp.path("stage").isObject()
                ? opp.path("stage").path("id").asText()
                : opp.path("stage").asText();
        String to = null;
        for (JsonNode s : lever("GET", "/stages", null).path("data")) {
            if (!s.path("id").asText().equals(from)) to = s.path("id").asText();
        }
        String application = RemoteKey.encode(opp.path("id").asText());

        lever("PUT", "/opportunities/" + opp.path("id").asText() + "/stage", Map.of("stage", to));

        List<RecordingEvents.Published> changed = await(() -> stageChanges(application));
        assertThat(changed).hasSize(1);
        Map<String, Object> data = changed.get(0).data();
        assertThat(data.get("source")).isEqualTo("provider_webhook");
        assertThat(data.get("provider")).isEqualTo("lever");
        assertThat(stageId(data.get("previous_stage"))).isEqualTo(RemoteKey.encode(from));
        assertThat(stageId(data.get("stage"))).isEqualTo(RemoteKey.encode(to));
    }

    @Test
    @DisplayName("A Lever delivery whose signature does not match its token and triggeredAt is refused with 404")
    void a_bad_signature_is_refused() throws Exception {
        long now = Instant.now().toEpochMilli();
        String token = "a".repeat(48);
        String wrong = LeverWebhook.signature("not-the-signing-token", token, String.valueOf(now));
        HttpResponse<String> r = deliver(
                envelope(token, now, wrong, firstOpportunity().path("id").asText()));
        assertThat(r.statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("A second Lever delivery with the same token is acknowledged as a duplicate and not applied")
    void a_repeated_token_is_dropped_as_a_duplicate() throws Exception {
        long now = Instant.now().toEpochMilli();
        String token = UUID.randomUUID().toString().replace("-", "") + "0123456789abcdef";
        String body = envelope(
                token,
                now,
                LeverWebhook.signature(signingToken(), token, String.valueOf(now)),
                firstOpportunity().path("id").asText());
        HttpResponse<String> first = deliver(body);
        HttpResponse<String> again = deliver(body);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("status").asText()).isEqualTo("accepted");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("status").asText()).isEqualTo("duplicate");
    }

    @Test
    @DisplayName("A correctly signed Lever delivery whose triggeredAt is older than the allowed age is refused")
    void a_stale_triggered_at_is_refused() throws Exception {
        long old = Instant.now().minus(Duration.ofHours(2)).toEpochMilli();
        String token = "b".repeat(48);
        String body = envelope(
                token,
                old,
                LeverWebhook.signature(signingToken(), token, String.valueOf(old)),
                firstOpportunity().path("id").asText());
        assertThat(deliver(body).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("Lever's test ping (empty data) is acknowledged and changes nothing")
    void a_test_ping_is_acknowledged() throws Exception {
        long now = Instant.now().toEpochMilli();
        String token = "c".repeat(48);
        String body = JSON.writeValueAsString(Map.of(
                "triggeredAt",
                now,
                "event",
                "candidateStageChange",
                "data",
                Map.of(),
                "token",
                token,
                "signature",
                LeverWebhook.signature(signingToken(), token, String.valueOf(now))));
        HttpResponse<String> r = deliver(body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("status").asText()).isEqualTo("ignored");
    }

    static <T> List<T> await(java.util.function.Supplier<List<T>> found) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<T> now = found.get();
        while (now.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(25);
            now = found.get();
        }
        return now;
    }
}
