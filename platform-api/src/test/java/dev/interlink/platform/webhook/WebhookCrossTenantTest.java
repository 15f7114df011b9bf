package dev.interlink.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tenant B addresses tenant A's endpoint and delivery ids on every webhook route: always 404, nothing changes. */
@MicronautTest(transactional = false)
class WebhookCrossTenantTest extends ApiTest {
    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    OutboxEvents events;

    Api api;
    TestTenant a;
    TestTenant b;
    String endpointOfA;
    String deliveryOfA;
    WebhookReceiver receiver;

    @Override
    protected Map<String, String> extraProperties() {
        return WebhookTesting.properties();
    }

    @BeforeAll
    void setUp() throws Exception {
        api = new Api(server.getURI());
        receiver = new WebhookReceiver();
        a = TestTenants.create(tenants, api, "Tenant A");
        b = TestTenants.create(tenants, api, "Tenant B");
        endpointOfA = WebhookTesting.createEndpoint(api, a.token(), receiver.url("/a"), List.of("*"))
                .get("id")
                .asText();
        events.publish(a.id(), "ats.job.created", Map.of("job", "a"));
        receiver.await("/a", l -> l.size() == 1, Duration.ofSeconds(10));
        deliveryOfA = api.get("/webhook-endpoints/" + endpointOfA + "/deliveries", a.token())
                .json()
                .at("/result/0/id")
                .asText();
    }

    @AfterAll
    void tearDown() {
        receiver.close();
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of(Named.of("GET endpoint", "GET"), "/webhook-endpoints/{e}", null),
                Arguments.of(
                        Named.of("PATCH endpoint", "PATCH"), "/webhook-endpoints/{e}", Map.of("status", "disabled")),
                Arguments.of(Named.of("DELETE endpoint", "DELETE"), "/webhook-endpoints/{e}", null),
                Arguments.of(Named.of("rotate secret", "POST"), "/webhook-endpoints/{e}/rotate-secret", null),
                Arguments.of(Named.of("send test", "POST"), "/webhook-endpoints/{e}/test", null),
                Arguments.of(Named.of("GET deliveries", "GET"), "/webhook-endpoints/{e}/deliveries", null),
                Arguments.of(
                        Named.of("replay", "POST"),
                        "/webhook-endpoints/{e}/replay",
                        Map.of("since", "2020-01-01T00:00:00Z")),
                Arguments.of(Named.of("GET delivery", "GET"), "/webhook-deliveries/{d}", null),
                Arguments.of(Named.of("retry delivery", "POST"), "/webhook-deliveries/{d}/retry", null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("routes")
    void tenant_b_gets_404_for_tenant_a_ids(String method, String template, Map<String, Object> body) {
        String path = template.replace("{e}", endpointOfA).replace("{d}", deliveryOfA);
        Api.Response r = api.send(method, path, b.token(), body, Map.of());
        assertThat(r.status()).as(r.text()).isEqualTo(404);
        assertThat(r.code()).isIn("WEBHOOK.ENDPOINT_NOT_FOUND", "WEBHOOK.DELIVERY_NOT_FOUND");
    }

    @Test
    void nothing_of_tenant_a_changed_and_b_sees_no_endpoints() {
        Api.Response endpoint = api.get("/webhook-endpoints/" + endpointOfA, a.token());
        assertThat(endpoint.json().get("status").asText()).isEqualTo("active");
        assertThat(api.get("/webhook-endpoints/" + endpointOfA + "/deliveries", a.token())
                        .json()
                        .get("result_count")
                        .asInt())
                .isEqualTo(1);
        assertThat(receiver.received("/a")).hasSize(1);
        assertThat(api.get("/webhook-endpoints", b.token()).json().get("result"))
                .isEmpty();
    }

    @Test
    void an_event_of_tenant_b_never_reaches_tenant_a_endpoints() {
        events.publish(b.id(), "ats.job.created", Map.of("job", "b"));
        WebhookReceiver.sleep(500);
        assertThat(receiver.received("/a")).hasSize(1);
    }
}
