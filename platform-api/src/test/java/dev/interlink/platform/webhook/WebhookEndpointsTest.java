package dev.interlink.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The webhook endpoint API: create, read, page, patch, delete, rotate; validation, scopes, secrets. */
@MicronautTest(transactional = false)
class WebhookEndpointsTest extends ApiTest {
    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    Api api;
    TestTenant tenant;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> props = new java.util.HashMap<>(WebhookTesting.properties());
        props.put("interlink.webhooks.worker-enabled", "false"); // nothing is sent here
        return props;
    }

    @BeforeAll
    void setUp() {
        api = new Api(server.getURI());
        tenant = TestTenants.create(tenants, api, "Endpoints Co");
    }

    private Api.Response create(Map<String, Object> body) {
        return api.post("/webhook-endpoints", tenant.token(), body);
    }

    @Test
    void creating_an_endpoint_answers_201_with_a_whsec_secret() {
        Api.Response r = create(
                Map.of("url", "http://127.0.0.1:9/hook", "event_types", List.of("ats.*"), "description", "CRM sync"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode body = r.json();
        assertThat(body.get("id").asText()).isNotBlank();
        assertThat(body.get("url").asText()).isEqualTo("http://127.0.0.1:9/hook");
        assertThat(body.get("event_types")).hasSize(1);
        assertThat(body.get("status").asText()).isEqualTo("active");
        assertThat(body.get("description").asText()).isEqualTo("CRM sync");
        assertThat(body.get("created_at").asText()).isNotBlank();
        assertThat(body.get("secret").asText()).matches("whsec_[A-Za-z0-9+/]{43}=");
        assertThat(r.header("Location"))
                .isEqualTo("/webhook-endpoints/" + body.get("id").asText());
        assertThat(r.text()).doesNotContain("tenant_id");
    }

    @Test
    void the_secret_is_shown_once_and_never_in_reads_nor_in_the_logs() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(tee(out, captured), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(err, captured), true, StandardCharsets.UTF_8));
        List<String> secrets = new ArrayList<>();
        String id;
        try {
            JsonNode created = create(Map.of("url", "http://localhost:9/x", "event_types", List.of("*")))
                    .json();
            id = created.get("id").asText();
            secrets.add(created.get("secret").asText());
            secrets.add(api.post("/webhook-endpoints/" + id + "/rotate-secret", tenant.token(), null)
                    .json()
                    .get("secret")
                    .asText());
            api.patch("/webhook-endpoints/" + id, tenant.token(), Map.of("description", "x"));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String reads = api.get("/webhook-endpoints/" + id, tenant.token()).text()
                + api.get("/webhook-endpoints", tenant.token()).text()
                + api.get("/webhook-endpoints/" + id + "/deliveries", tenant.token())
                        .text();
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("secret rotated"); // the capture worked
        for (String secret : secrets) {
            String key = secret.substring("whsec_".length());
            assertThat(reads).doesNotContain(key);
            assertThat(logs).doesNotContain(key);
        }
    }

    @Test
    void rotating_answers_a_new_secret_and_until_when_the_old_one_still_signs() {
        String id = create(Map.of("url", "http://localhost:9/r", "event_types", List.of("*")))
                .json()
                .get("id")
                .asText();
        Api.Response r = api.post("/webhook-endpoints/" + id + "/rotate-secret", tenant.token(), null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("secret").asText()).startsWith("whsec_");
        java.time.Instant expires = java.time.Instant.parse(
                r.json().get("previous_secret_expires_at").asText());
        assertThat(expires)
                .isBetween(
                        java.time.Instant.now().plusSeconds(23 * 3600),
                        java.time.Instant.now().plusSeconds(25 * 3600));
    }

    @Test
    void every_invalid_field_is_listed() {
        Api.Response r = create(Map.of(
                "url", "http://hooks.example.com/x",
                "event_types", List.of("ats.job.created", "ats.job.deleted", 42, "crm.*"),
                "description", "d".repeat(501)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("PLATFORM.INPUT_INVALID");
        Set<String> pointers = new HashSet<>();
        r.json().get("errors").forEach(e -> pointers.add(e.get("pointer").asText()));
        assertThat(pointers)
                .containsExactlyInAnyOrder(
                        "/url", "/event_types/1", "/event_types/2", "/event_types/3", "/description");
    }

    @Test
    void a_missing_url_and_missing_event_types_are_both_reported() {
        Api.Response r = create(Map.of());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors")).hasSize(2);
    }

    @Test
    void an_ssrf_url_is_refused_when_saved() {
        Api.Response r = create(Map.of("url", "https://169.254.169.254/latest/meta-data", "event_types", List.of("*")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/errors/0/pointer").asText()).isEqualTo("/url");
        assertThat(r.json().at("/errors/0/detail").asText()).contains("non-public");
    }

    @Test
    void endpoints_are_listed_newest_first_with_a_cursor() {
        TestTenant t = TestTenants.create(tenants, api, "Paging Co");
        for (int i = 0; i < 3; i++) {
            api.post(
                    "/webhook-endpoints",
                    t.token(),
                    Map.of("url", "http://localhost:9/p" + i, "event_types", List.of("*")));
        }
        JsonNode first = api.get("/webhook-endpoints?limit=2", t.token()).json();
        assertThat(first.get("result")).hasSize(2);
        assertThat(first.at("/result/0/url").asText()).endsWith("/p2");
        JsonNode second = api.get(
                        "/webhook-endpoints?limit=2&cursor="
                                + first.get("next_cursor").asText(),
                        t.token())
                .json();
        assertThat(second.get("result")).hasSize(1);
        assertThat(second.at("/result/0/url").asText()).endsWith("/p0");
        assertThat(second.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void patch_changes_url_types_description_and_status_and_delete_removes_the_endpoint() {
        String id = create(Map.of("url", "http://localhost:9/a", "event_types", List.of("*")))
                .json()
                .get("id")
                .asText();
        Api.Response patched = api.patch(
                "/webhook-endpoints/" + id,
                tenant.token(),
                Map.of(
                        "url", "http://127.0.0.1:9/b",
                        "event_types", List.of("integrated_account.*"),
                        "description", "accounts",
                        "status", "disabled"));
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(patched.json().get("url").asText()).isEqualTo("http://127.0.0.1:9/b");
        assertThat(patched.json().at("/event_types/0").asText()).isEqualTo("integrated_account.*");
        assertThat(patched.json().get("status").asText()).isEqualTo("disabled");
        assertThat(patched.json().get("disabled_reason").asText()).isEqualTo("Disabled by the tenant");

        Api.Response enabled = api.patch("/webhook-endpoints/" + id, tenant.token(), Map.of("status", "active"));
        assertThat(enabled.json().get("status").asText()).isEqualTo("active");
        assertThat(enabled.json().get("disabled_reason").isNull()).isTrue();

        assertThat(api.patch("/webhook-endpoints/" + id, tenant.token(), Map.of("status", "paused"))
                        .status())
                .isEqualTo(400);
        assertThat(api.delete("/webhook-endpoints/" + id, tenant.token()).status())
                .isEqualTo(204);
        assertThat(api.get("/webhook-endpoints/" + id, tenant.token()).code()).isEqualTo("WEBHOOK.ENDPOINT_NOT_FOUND");
    }

    @Test
    void test_and_replay_on_a_disabled_endpoint_answer_409() {
        String id = create(Map.of("url", "http://localhost:9/off", "event_types", List.of("*")))
                .json()
                .get("id")
                .asText();
        api.patch("/webhook-endpoints/" + id, tenant.token(), Map.of("status", "disabled"));
        assertThat(api.post("/webhook-endpoints/" + id + "/test", tenant.token(), null)
                        .code())
                .isEqualTo("WEBHOOK.ENDPOINT_DISABLED");
        assertThat(api.post(
                                "/webhook-endpoints/" + id + "/replay",
                                tenant.token(),
                                Map.of("since", "2026-01-01T00:00:00Z"))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void replay_needs_an_iso_8601_since() {
        String id = create(Map.of("url", "http://localhost:9/since", "event_types", List.of("*")))
                .json()
                .get("id")
                .asText();
        Api.Response r = api.post("/webhook-endpoints/" + id + "/replay", tenant.token(), Map.of("since", "yesterday"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/errors/0/pointer").asText()).isEqualTo("/since");
    }

    @Test
    void the_event_type_catalog_is_published() {
        JsonNode types = api.get("/webhook-event-types", tenant.token()).json();
        List<String> names = new ArrayList<>();
        types.get("result").forEach(t -> names.add(t.get("type").asText()));
        assertThat(names)
                .contains(
                        "integrated_account.created",
                        "integrated_account.needs_reauth",
                        "ats.application.stage_changed",
                        "ats.attachment.created",
                        "webhook.test");
    }

    @Test
    void a_token_with_webhooks_read_can_list_but_cannot_create() {
        Api.Response client =
                api.post("/api-clients", tenant.token(), Map.of("name", "reader", "scopes", List.of("webhooks:read")));
        assertThat(client.status()).as(client.text()).isEqualTo(201);
        String token = api.token(
                        client.json().at("/client/client_id").asText(),
                        client.json().get("client_secret").asText(),
                        null)
                .json()
                .get("access_token")
                .asText();
        assertThat(api.get("/webhook-endpoints", token).status()).isEqualTo(200);
        Api.Response refused = api.post(
                "/webhook-endpoints", token, Map.of("url", "http://localhost:9/x", "event_types", List.of("*")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("PLATFORM.FORBIDDEN");
        assertThat(refused.text()).contains("webhooks:write");
    }

    @Test
    void a_token_without_webhook_scopes_cannot_read_endpoints() {
        Api.Response client = api.post(
                "/api-clients", tenant.token(), Map.of("name", "accounts-only", "scopes", List.of("accounts:read")));
        String token = api.token(
                        client.json().at("/client/client_id").asText(),
                        client.json().get("client_secret").asText(),
                        null)
                .json()
                .get("access_token")
                .asText();
        assertThat(api.get("/webhook-endpoints", token).status()).isEqualTo(403);
        assertThat(api.get("/webhook-event-types", token).status()).isEqualTo(403);
    }

    private static OutputStream tee(OutputStream a, OutputStream b) {
        return new OutputStream() {
            @Override
            public void write(int x) throws java.io.IOException {
                a.write(x);
                b.write(x);
            }

            @Override
            public void write(byte[] buf, int off, int len) throws java.io.IOException {
                a.write(buf, off, len);
                b.write(buf, off, len);
            }
        };
    }
}
