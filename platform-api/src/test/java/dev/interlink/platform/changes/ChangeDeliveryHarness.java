package dev.interlink.platform.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.ats.CallAccount;
import dev.interlink.platform.oauth.OAuthApps;
import dev.interlink.platform.provider.AtsWriter;
import dev.interlink.platform.provider.catalog.Catalog;
import dev.interlink.platform.ratelimit.RateBuckets;
import dev.interlink.platform.ratelimit.RatePolicy;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import dev.interlink.platform.vault.TestVaultKeys;
import dev.interlink.platform.webhook.StandardWebhooksVerifier;
import dev.interlink.platform.webhook.WebhookReceiver;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The set-up shared by {@link StageChangeDeliveryEndToEndTest} and {@link EventsBenchmark}. Both halves end to end,
 * over real HTTP: a recruiter's stage move made directly on the sandbox's provider API is
 * detected (provider webhook or poll, on the real db-scheduler with a 2 s interval) and delivered by the real outbox
 * and delivery workers to a tenant's receiver on 127.0.0.1, signed as the npm {@code standardwebhooks} package
 * verifies. To prove which path carried a change, the webhook-path accounts' poller budget is used up to the reserve
 * first (the poller then defers and calls nothing, docs/events.md "Budget share"), so only the webhook can see it.
 */
abstract class ChangeDeliveryHarness extends ApiTest {
    static final int PORT = ChangeTesting.freePort();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    OAuthApps apps;

    @Inject
    RateBuckets buckets;

    @Inject
    Catalog catalog;

    @Inject
    CallAccount callAccount;

    @Inject
    @Named("loxo")
    AtsWriter loxoWriter;

    Sandbox sandbox;
    WebhookReceiver receiver;
    Api api;
    TestTenant tenant;
    String secret;
    final List<WebhookReceiver.Received> verified = new ArrayList<>();

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(ProviderSandbox.properties());
        p.putAll(TestVaultKeys.properties());
        p.put("micronaut.server.port", String.valueOf(PORT));
        p.put("interlink.public-base-url", "http://127.0.0.1:" + PORT);
        p.put("interlink.dev-mode", "true"); // the receiver is on http://127.0.0.1
        try {
            p.put(
                    "interlink.home",
                    Files.createTempDirectory("interlink-e2e-changes").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        p.put("interlink.changes.enabled", "true");
        p.put("interlink.changes.poll-interval", "2s");
        p.put("interlink.scheduler.polling-interval", "500ms");
        p.put("interlink.scheduler.heartbeat-interval", "1s");
        p.put("interlink.changes.provider-webhooks", "true");
        p.put("interlink.webhooks.poll-interval", "100ms");
        // Lever: a bucket that does not refill during the test, so a used-up poller budget stays used up
        p.put("interlink.provider.lever.rate-limit.rate-per-second", "0.01");
        p.put("interlink.provider.lever.rate-limit.burst", "200");
        p.put("datasources.default.maximum-pool-size", "8");
        p.put("datasources.default.minimum-idle", "1");
        return p;
    }

    @BeforeAll
    void tenantWithAnEndpoint() throws Exception {
        sandbox = ProviderSandbox.get();
        receiver = new WebhookReceiver();
        api = new Api(server.getURI());
        tenant = TestTenants.create(tenants, api, "End To End Events");
        Api.Response endpoint = api.post(
                "/webhook-endpoints",
                tenant.token(),
                Map.of("url", receiver.url("/hooks"), "event_types", List.of("ats.application.stage_changed")));
        assertThat(endpoint.status()).as(endpoint.text()).isEqualTo(201);
        secret = endpoint.json().path("secret").asText();
    }

    @AfterAll
    void stopReceiver() {
        receiver.close();
    }

    // ---- helpers ----

    String importKeyAccount(String provider, long seed) {
        Sandbox.AccountInfo a = ChangeTesting.sandboxAccount(sandbox, provider, seed, 5);
        accounts.put(provider + seed, a);
        return ChangeTesting.importAccount(api, tenant.token(), a);
    }

    final Map<String, Sandbox.AccountInfo> accounts = new HashMap<>();

    JsonNode polls(String account) {
        return api.get("/integrated-accounts/" + account + "/change-polls", tenant.token())
                .json()
                .path("result");
    }

    /** Waits (bounded) until one of the account's poll runs matches. */
    void awaitPoll(String account, Predicate<JsonNode> run, String what) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            for (JsonNode r : polls(account)) if (run.test(r)) return;
            ChangeTesting.sleep(100);
        }
        throw new AssertionError("no poll of " + account + " " + what + ": " + polls(account));
    }

    void awaitBaseline(String account) {
        awaitPoll(
                account,
                r -> r.path("baseline").asBoolean()
                        && "complete".equals(r.path("outcome").asText()),
                "completed its baseline");
    }

    /**
     * Uses the account's budget down below the poller's reserve (as a busy tenant would), then waits for a poll that
     * deferred: from then on no poll calls the provider, so a change can only arrive through the webhook.
     */
    void starvePoller(String provider, String account) {
        int reserved = polls(account).get(0).path("reserved").asInt();
        String key = provider + ":" + account;
        RatePolicy policy = BudgetShare.counted(
                RatePolicy.of(catalog.find(provider).orElseThrow().rateLimit()));
        while (buckets.remaining(key, policy) > reserved - 40) buckets.tryAcquire(key, policy);
        awaitPoll(account, r -> r.path("deferred").asBoolean(), "deferred");
    }

    /** The stage change delivered for {@code account}'s {@code application}, once it arrives. */
    JsonNode awaitDelivery(String account, String application) throws Exception {
        long start = System.nanoTime();
        List<WebhookReceiver.Received> got =
                receiver.await("/hooks", all -> all.stream().anyMatch(r -> about(r, account, application)), WAIT);
        WebhookReceiver.Received r = got.stream()
                .filter(x -> about(x, account, application))
                .findFirst()
                .orElseThrow();
        System.out.printf(
                "[measure] stage change -> delivery received (%s): %d ms%n",
                data(r).path("source").asText(), (System.nanoTime() - start) / 1_000_000);
        verified.add(r);
        StandardWebhooksVerifier.Outcome outcome =
                StandardWebhooksVerifier.verify(List.of(StandardWebhooksVerifier.capture(secret, r, false)));
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        return JSON.readTree(r.body());
    }

    static JsonNode data(WebhookReceiver.Received r) {
        try {
            return JSON.readTree(r.body()).path("data");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean about(WebhookReceiver.Received r, String account, String application) {
        JsonNode d = data(r);
        return account.equals(d.path("integrated_account_id").asText())
                && application.equals(d.path("application_id").asText());
    }

    /** Every delivery of the event: the same webhook-id (so receivers can deduplicate). */
    void onlyOneEventFor(String account, String application) {
        assertThat(receiver.received("/hooks").stream()
                        .filter(r -> about(r, account, application))
                        .map(WebhookReceiver.Received::id)
                        .distinct())
                .hasSize(1);
    }

    SandboxCats cats(String provider, long seed) {
        return new SandboxCats(sandbox, accounts.get(provider + seed));
    }

    /** The recruiter on the sandbox's Lever data API (not through Interlink). */
    JsonNode leverApi(String accessToken, String method, String path, Object body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/lever/v1" + path))
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
}
