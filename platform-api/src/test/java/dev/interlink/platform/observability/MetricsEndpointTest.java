package dev.interlink.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.oauth.OAuthApps;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import dev.interlink.platform.webhook.WebhookReceiver;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real traffic (unified reads, the proxy, an OAuth refresh, a rate-budget refusal, a webhook delivery) against
 * the sandbox, then a scrape of the real {@code /metrics} on the management port.
 */
@MicronautTest(transactional = false)
class MetricsEndpointTest extends ApiTest {
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern UUID_LIKE =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Inject
    EmbeddedServer server;

    @Inject
    ManagementPort managementPort;

    @Inject
    TenantService tenants;

    @Inject
    OAuthApps oauthApps;

    Api api;
    TestTenant tenant;
    WebhookReceiver receiver;
    Sandbox.AccountInfo catsSandbox;
    String cats;
    Sandbox.OAuthAccountInfo lever;
    String leverAccount;
    final List<String> secrets = new ArrayList<>();
    String scrape;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(ProviderSandbox.properties());
        p.put("interlink.dev-mode", "true"); // webhooks to http://127.0.0.1
        try {
            p.put(
                    "interlink.home",
                    Files.createTempDirectory("interlink-metrics").toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        p.put("interlink.webhooks.poll-interval", "100ms");
        // a burst of three calls (one is kept in reserve), one more per second, no wait allowed: quick calls run out
        p.put("interlink.provider.lever.rate-limit.rate-per-second", "1");
        p.put("interlink.provider.lever.rate-limit.burst", "4");
        p.put("interlink.rate-limit.wait-budget", "50ms");
        return p;
    }

    @BeforeAll
    void traffic() throws Exception {
        api = new Api(server.getURI());
        tenant = TestTenants.create(tenants, api, "Metrics Co");
        secrets.add(tenant.token());
        receiver = new WebhookReceiver();
        Api.Response ep = api.post(
                "/webhook-endpoints",
                tenant.token(),
                Map.of("url", receiver.url("/hooks"), "event_types", List.of("integrated_account.created")));
        assertThat(ep.status()).as(ep.text()).isEqualTo(201);
        secrets.add(ep.json().get("secret").asText());

        catsSandbox = ProviderSandbox.cats();
        secrets.add(catsSandbox.apiKey());
        cats = connect("cats", Map.of("api_key", catsSandbox.apiKey()));
        Api.Response list = api.get("/unified/ats/candidates?limit=2&integrated_account_id=" + cats, tenant.token());
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        String candidate = list.json().at("/result/0/id").asText();
        assertThat(api.get("/unified/ats/candidates/" + candidate + "?integrated_account_id=" + cats, tenant.token())
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/proxy/site?integrated_account_id=" + cats, tenant.token())
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/no/such/" + cats, tenant.token()).status()).isEqualTo(404);

        // a Lever account whose access token has already expired: the next call refreshes it first
        lever = ProviderSandbox.get().createOAuthAccount("lever", 7, 3);
        oauthApps.put(tenant.id(), "lever", lever.clientId(), lever.clientSecret());
        Sandbox.TokenPair pair = ProviderSandbox.get().mintTokens(lever.accountId(), null);
        secrets.add(pair.accessToken());
        secrets.add(pair.refreshToken());
        secrets.add(lever.clientSecret());
        leverAccount = connect(
                "lever",
                Map.of(
                        "access_token", pair.accessToken(),
                        "refresh_token", pair.refreshToken(),
                        "expires_at", Instant.now().minusSeconds(60).toString()));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(api.get("/proxy/users?limit=1&integrated_account_id=" + leverAccount, tenant.token())
                    .status());
        }
        assertThat(statuses).contains(200).anyMatch(s -> s == 429 || s == 503);

        receiver.await("/hooks", l -> l.size() >= 2, Duration.ofSeconds(15));
        scrape = awaitScrape("interlink_webhook_attempts_seconds_count{outcome=\"succeeded\"");
    }

    @AfterAll
    void stop() {
        if (receiver != null) receiver.close();
    }

    private String connect(String provider, Map<String, String> credentials) {
        Api.Response r = api.post(
                "/integrated-accounts",
                tenant.token(),
                Map.of(
                        "provider",
                        provider,
                        "end_user",
                        Map.of("id", "metrics-" + provider),
                        "credentials",
                        credentials));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private URI management(String path) {
        return URI.create("http://127.0.0.1:" + managementPort.port() + path);
    }

    /** The webhook attempt is recorded just after the receiver answered: poll until the scrape shows it. */
    private String awaitScrape(String expected) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String body = "";
        while (System.nanoTime() < end) {
            body = get(management("/metrics")).body();
            if (body.contains(expected)) return body;
            Thread.sleep(50); // a bounded poll, not a timing guess
        }
        return body;
    }

    @Test
    void the_management_port_serves_prometheus_text_with_every_series_after_real_traffic() throws Exception {
        HttpResponse<String> r = get(management("/metrics"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(scrape)
                // inbound rate, errors and latency by route template
                .contains(
                        "interlink_http_server_requests_seconds_bucket{method=\"GET\",route=\"/unified/ats/{resource}\",status=\"200\"")
                .contains(
                        "interlink_http_server_requests_seconds_count{method=\"GET\",route=\"/unified/ats/{resource}/{id}\",status=\"200\"}")
                .contains("route=\"(unmatched)\",status=\"404\"")
                .contains("interlink_http_server_own_seconds_count{method=\"GET\",route=\"/proxy/{+path}\"}")
                // outbound by provider: provider time, budget waits and refusals, refreshes
                .contains("interlink_provider_requests_seconds_count{outcome=\"2xx\",provider=\"cats\"}")
                .contains("interlink_provider_requests_seconds_bucket{outcome=\"2xx\",provider=\"lever\"")
                .contains("interlink_rate_budget_wait_seconds_count{provider=\"cats\"}")
                .contains("interlink_rate_budget_refusals_total{provider=\"lever\"}")
                .contains("interlink_token_refreshes_total{outcome=\"issued\",provider=\"lever\"} 1.0")
                // the outbox and the webhook worker
                .contains("interlink_outbox_pending ")
                .contains("interlink_outbox_oldest_age_seconds ")
                .contains("interlink_webhook_attempts_seconds_count{outcome=\"succeeded\"}")
                // JVM and the connection pool
                .contains("jvm_memory_used_bytes{")
                .contains("jvm_gc_memory_allocated_bytes_total")
                .contains("jvm_threads_live_threads")
                .contains("process_cpu_usage")
                .contains("hikaricp_connections_active");
    }

    @Test
    void the_public_port_does_not_serve_metrics() throws Exception {
        assertThat(api.get("/metrics", null).status()).isEqualTo(404);
        assertThat(api.get("/prometheus", null).status()).isEqualTo(404);
    }

    @Test
    void the_management_port_serves_no_api_route() throws Exception {
        assertThat(get(management("/tenant")).statusCode()).isEqualTo(404);
        assertThat(get(management("/integrations")).statusCode()).isEqualTo(404);
    }

    @Test
    void no_label_value_is_an_id_a_secret_or_a_raw_path() {
        List<String> values = new ArrayList<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#") || !line.contains("{")) continue;
            Matcher m = LABEL.matcher(line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1));
            while (m.find()) {
                values.add(m.group(1) + "=" + m.group(2));
                if (m.group(1).equals("route")) {
                    assertThat(m.group(2)).as(line).matches("/[A-Za-z0-9_/{}+.-]*|\\(unmatched\\)");
                }
            }
        }
        assertThat(values).isNotEmpty();
        List<String> forbidden = new ArrayList<>(secrets);
        forbidden.addAll(
                List.of(tenant.id().toString(), cats, leverAccount, catsSandbox.accountId(), lever.accountId()));
        for (String v : values) {
            assertThat(UUID_LIKE.matcher(v).find()).as(v).isFalse();
            for (String f : forbidden) {
                assertThat(v).as("label %s", v).doesNotContain(f);
            }
        }
        for (String f : forbidden) {
            assertThat(scrape).doesNotContain(f);
        }
    }
}
