package dev.interlink.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Webhooks end to end in real time: publish → outbox → worker → a receiver on 127.0.0.1 (dev mode). */
@MicronautTest(transactional = false)
class WebhookDeliveryTest extends ApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    OutboxEvents events;

    Api api;
    TestTenant tenant;
    WebhookReceiver receiver;

    @Override
    protected Map<String, String> extraProperties() {
        return WebhookTesting.properties();
    }

    @BeforeAll
    void setUp() throws Exception {
        api = new Api(server.getURI());
        tenant = TestTenants.create(tenants, api, "Webhooks Co");
        receiver = new WebhookReceiver();
    }

    @AfterAll
    void tearDown() {
        receiver.close();
    }

    private JsonNode endpoint(String path, List<String> types) {
        return WebhookTesting.createEndpoint(api, tenant.token(), receiver.url(path), types);
    }

    private Map<String, Object> data(int n) {
        return Map.of("integrated_account_id", "acc-" + n, "status", "active");
    }

    @Test
    void a_published_event_arrives_signed_in_the_standard_webhooks_format() throws Exception {
        JsonNode ep = endpoint("/signed", List.of("integrated_account.created"));
        String id = events.publishReturningId(tenant.id(), "integrated_account.created", data(1));

        WebhookReceiver.Received r =
                receiver.await("/signed", l -> !l.isEmpty(), WAIT).get(0);
        assertThat(r.id()).isEqualTo(id).startsWith("msg_");
        assertThat(r.headers().get("content-type")).isEqualTo("application/json");
        assertThat(r.headers().get("user-agent")).startsWith("Interlink-Webhooks/");
        assertThat(Long.parseLong(r.headers().get("webhook-timestamp")))
                .isBetween(Instant.now().getEpochSecond() - 30, Instant.now().getEpochSecond() + 1);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("type").asText()).isEqualTo("integrated_account.created");
        assertThat(Instant.parse(body.get("timestamp").asText())).isNotNull();
        assertThat(body.at("/data/integrated_account_id").asText()).isEqualTo("acc-1");
        String expected = WebhookSigner.sign(
                ep.get("secret").asText(),
                id,
                Long.parseLong(r.headers().get("webhook-timestamp")),
                r.body().getBytes());
        assertThat(r.headers().get("webhook-signature")).isEqualTo(expected);
    }

    @Test
    void the_npm_standardwebhooks_verifier_accepts_our_signatures_before_during_and_after_a_rotation()
            throws Exception {
        JsonNode ep = endpoint("/rotation", List.of("ats.*"));
        String oldSecret = ep.get("secret").asText();
        events.publish(tenant.id(), "ats.candidate.created", data(1));
        WebhookReceiver.Received before =
                receiver.await("/rotation", l -> l.size() == 1, WAIT).get(0);

        Api.Response rotated =
                api.post("/webhook-endpoints/" + ep.get("id").asText() + "/rotate-secret", tenant.token(), null);
        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        String newSecret = rotated.json().get("secret").asText();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
        events.publish(tenant.id(), "ats.job.updated", data(2));
        WebhookReceiver.Received during =
                receiver.await("/rotation", l -> l.size() == 2, WAIT).get(1);
        assertThat(during.headers().get("webhook-signature").split(" ")).hasSize(2);

        List<StandardWebhooksVerifier.Capture> captures = new ArrayList<>();
        captures.add(StandardWebhooksVerifier.capture(oldSecret, before, false));
        captures.add(StandardWebhooksVerifier.capture(oldSecret, during, false));
        captures.add(StandardWebhooksVerifier.capture(newSecret, during, false));
        StandardWebhooksVerifier.Outcome outcome = StandardWebhooksVerifier.verify(captures);
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("verified 3/3");
    }

    @Test
    void the_npm_verifier_rejects_a_tampered_body() throws Exception {
        JsonNode ep = endpoint("/tampered", List.of("ats.job.created"));
        events.publish(tenant.id(), "ats.job.created", data(3));
        WebhookReceiver.Received r =
                receiver.await("/tampered", l -> !l.isEmpty(), WAIT).get(0);
        WebhookReceiver.Received tampered =
                new WebhookReceiver.Received(r.path(), r.headers(), r.body().replace("acc-3", "acc-4"));
        StandardWebhooksVerifier.Outcome outcome = StandardWebhooksVerifier.verify(
                List.of(StandardWebhooksVerifier.capture(ep.get("secret").asText(), tampered, false)));
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.output()).contains("verified 0/1");
    }

    @Test
    void an_endpoint_gets_only_the_event_types_it_subscribed_to() {
        endpoint("/filtered", List.of("ats.application.stage_changed"));
        events.publish(tenant.id(), "ats.candidate.updated", data(5));
        String wanted = events.publishReturningId(tenant.id(), "ats.application.stage_changed", data(6));
        List<WebhookReceiver.Received> got = receiver.await("/filtered", l -> !l.isEmpty(), WAIT);
        WebhookReceiver.sleep(400);
        assertThat(receiver.received("/filtered"))
                .extracting(WebhookReceiver.Received::id)
                .containsExactly(wanted);
        assertThat(got).hasSize(1);
    }

    @Test
    void the_test_route_sends_a_webhook_test_event_to_that_endpoint_only() {
        JsonNode ep = endpoint("/test-target", List.of("*"));
        endpoint("/test-bystander", List.of("*"));
        Api.Response r = api.post("/webhook-endpoints/" + ep.get("id").asText() + "/test", tenant.token(), null);
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        assertThat(r.json().get("event_type").asText()).isEqualTo("webhook.test");
        WebhookReceiver.Received got =
                receiver.await("/test-target", l -> !l.isEmpty(), WAIT).get(0);
        assertThat(got.body()).contains("\"type\":\"webhook.test\"");
        WebhookReceiver.sleep(300);
        assertThat(receiver.received("/test-bystander")).isEmpty();
    }

    @Test
    void a_410_gone_answer_disables_the_endpoint_with_a_reason() {
        receiver.answer("/gone", 410);
        JsonNode ep = endpoint("/gone", List.of("ats.job.created"));
        events.publish(tenant.id(), "ats.job.created", data(7));
        JsonNode after = WebhookTesting.awaitJson(
                api,
                tenant.token(),
                "/webhook-endpoints/" + ep.get("id").asText(),
                j -> j.get("status").asText().equals("disabled"),
                WAIT);
        assertThat(after.get("disabled_reason").asText()).contains("410");
        JsonNode deliveries = api.get("/webhook-endpoints/" + ep.get("id").asText() + "/deliveries", tenant.token())
                .json();
        assertThat(deliveries.at("/result/0/status").asText()).isEqualTo("failed");
        assertThat(deliveries.at("/result/0/attempts")).hasSize(1);
    }

    @Test
    void a_redirect_is_not_followed_and_counts_as_a_failed_attempt() {
        receiver.answer(
                "/redirect", r -> new WebhookReceiver.Answer(302, "", Map.of("Location", receiver.url("/target"))));
        JsonNode ep = endpoint("/redirect", List.of("ats.job.created"));
        events.publish(tenant.id(), "ats.job.created", data(8));
        JsonNode deliveries = WebhookTesting.awaitJson(
                api,
                tenant.token(),
                "/webhook-endpoints/" + ep.get("id").asText() + "/deliveries",
                j -> j.at("/result/0/attempt_count").asInt() >= 1,
                WAIT);
        assertThat(deliveries.at("/result/0/status").asText()).isEqualTo("pending");
        assertThat(deliveries.at("/result/0/last_status_code").asInt()).isEqualTo(302);
        assertThat(deliveries.at("/result/0/next_attempt_at").isNull()).isFalse();
        assertThat(receiver.received("/target")).isEmpty();
    }

    @Test
    void a_huge_answer_is_read_only_up_to_64_kb_and_the_excerpt_is_at_most_1_kb() {
        receiver.raw("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, endless as far as we are concerned
            byte[] chunk = new byte[8192];
            java.util.Arrays.fill(chunk, (byte) 'x');
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 10 * 128; i++) { // 10 MB
                    out.write(chunk);
                }
            } catch (java.io.IOException expected) {
                // the sender hung up after 64 KB
            }
        });
        JsonNode ep = endpoint("/huge", List.of("ats.job.created"));
        events.publish(tenant.id(), "ats.job.created", data(9));
        JsonNode deliveries = WebhookTesting.awaitJson(
                api,
                tenant.token(),
                "/webhook-endpoints/" + ep.get("id").asText() + "/deliveries",
                j -> j.at("/result/0/status").asText().equals("succeeded"),
                WAIT);
        String excerpt = deliveries.at("/result/0/attempts/0/response_excerpt").asText();
        assertThat(excerpt.getBytes()).hasSizeLessThanOrEqualTo(1024);
        assertThat(excerpt).startsWith("xxxx");
    }

    @Test
    void the_delivery_log_shows_attempts_and_the_detail_shows_headers_and_body_but_never_the_secret() {
        receiver.answer("/log", r -> new WebhookReceiver.Answer(200, "{\"ok\":true}", Map.of()));
        JsonNode ep = endpoint("/log", List.of("ats.candidate.created"));
        String secret = ep.get("secret").asText();
        String id = events.publishReturningId(tenant.id(), "ats.candidate.created", data(10));
        String endpointId = ep.get("id").asText();
        JsonNode list = WebhookTesting.awaitJson(
                api,
                tenant.token(),
                "/webhook-endpoints/" + endpointId + "/deliveries?status=succeeded",
                j -> j.get("result_count").asInt() == 1,
                WAIT);
        JsonNode d = list.at("/result/0");
        assertThat(d.get("event_id").asText()).isEqualTo(id);
        assertThat(d.at("/attempts/0/status_code").asInt()).isEqualTo(200);
        assertThat(d.at("/attempts/0/response_excerpt").asText()).isEqualTo("{\"ok\":true}");
        assertThat(d.at("/attempts/0/duration_ms").isNumber()).isTrue();

        Api.Response detail = api.get("/webhook-deliveries/" + d.get("id").asText(), tenant.token());
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.json().at("/request/headers/webhook-id").asText()).isEqualTo(id);
        assertThat(detail.json().at("/request/headers/webhook-signature").asText())
                .startsWith("v1,");
        assertThat(detail.json().at("/request/body").asText())
                .isEqualTo(receiver.received("/log").get(0).body());
        assertThat(detail.text()).doesNotContain(secret).doesNotContain(secret.substring(6));
        assertThat(api.get("/webhook-endpoints/" + endpointId, tenant.token()).text())
                .doesNotContain(secret.substring(6));
        assertThat(api.get("/webhook-endpoints", tenant.token()).text()).doesNotContain(secret.substring(6));
    }

    @Test
    void a_manual_retry_and_a_replay_send_the_same_webhook_id_again() {
        JsonNode ep = endpoint("/again", List.of("ats.job.updated"));
        String endpointId = ep.get("id").asText();
        Instant since = Instant.now().minusSeconds(1);
        String id = events.publishReturningId(tenant.id(), "ats.job.updated", data(11));
        receiver.await("/again", l -> l.size() == 1, WAIT);
        String deliveryId = api.get("/webhook-endpoints/" + endpointId + "/deliveries", tenant.token())
                .json()
                .at("/result/0/id")
                .asText();

        Api.Response retry = api.post("/webhook-deliveries/" + deliveryId + "/retry", tenant.token(), null);
        assertThat(retry.status()).as(retry.text()).isEqualTo(202);
        receiver.await("/again", l -> l.size() == 2, WAIT);

        Api.Response replay = api.post(
                "/webhook-endpoints/" + endpointId + "/replay", tenant.token(), Map.of("since", since.toString()));
        assertThat(replay.status()).as(replay.text()).isEqualTo(202);
        assertThat(replay.json().get("replayed").asInt()).isEqualTo(1);
        List<WebhookReceiver.Received> all = receiver.await("/again", l -> l.size() == 3, WAIT);
        assertThat(all).extracting(WebhookReceiver.Received::id).containsOnly(id);
        assertThat(all)
                .extracting(WebhookReceiver.Received::body)
                .containsOnly(all.get(0).body());
    }

    @Test
    void a_slow_endpoint_does_not_delay_another_tenants_endpoint() throws Exception {
        receiver.raw("/slow", exchange -> {
            WebhookReceiver.sleep(2_000);
            exchange.sendResponseHeaders(200, -1);
        });
        TestTenant other = TestTenants.create(tenants, api, "Other Co");
        WebhookTesting.createEndpoint(api, tenant.token(), receiver.url("/slow"), List.of("ats.job.created"));
        WebhookTesting.createEndpoint(api, other.token(), receiver.url("/fast"), List.of("ats.job.created"));
        for (int i = 0; i < 20; i++) {
            events.publish(tenant.id(), "ats.job.created", data(100 + i));
        }
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            events.publish(other.id(), "ats.job.created", data(200 + i));
        }
        receiver.await("/fast", l -> l.size() == 5, WAIT);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis)
                .as("the other tenant's 5 events, while 20 slow ones are queued")
                .isLessThan(4_000); // the slow backlog needs >= 10 s
        assertThat(receiver.received("/slow").size()).isLessThanOrEqualTo(4 * 2);
    }
}
