package dev.interlink.platform.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The request log: what is recorded, how it is queried, and its retention. */
@MicronautTest(transactional = false)
class RequestLogTest extends ApiTest {
    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    RequestLogWriter writer;

    @Inject
    RequestLogPurgeJob purge;

    Api api;
    TestTenant tenant;

    @Override
    protected Map<String, String> extraProperties() {
        return ProviderSandbox.properties();
    }

    @BeforeAll
    void setUp() {
        api = new Api(server.getURI());
        tenant = TestTenants.create(tenants, api, "Logs");
    }

    private String account() {
        Api.Response r = api.post(
                "/integrated-accounts",
                tenant.token(),
                Map.of(
                        "provider", "cats",
                        "end_user", Map.of("id", "log-user"),
                        "credentials", Map.of("api_key", ProviderSandbox.cats().apiKey())));
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private JsonNode logs(String query) {
        writer.flush();
        Api.Response r = api.get("/logs" + query, tenant.token());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    @Test
    void a_call_is_recorded_with_its_route_template_account_status_and_request_id() {
        String id = account();
        Api.Response call = api.get("/integrated-accounts/" + id, tenant.token());
        JsonNode entry = logs("?account_id=" + id + "&route=/integrated-accounts/%7Bid%7D")
                .at("/result/0");
        assertThat(entry.get("method").asText()).isEqualTo("GET");
        assertThat(entry.get("status").asInt()).isEqualTo(200);
        assertThat(entry.get("request_id").asText()).isEqualTo(call.header("X-Request-Id"));
        assertThat(entry.get("api_client_id").asText()).isNotBlank();
        assertThat(entry.has("tenant_id")).isFalse();
    }

    @Test
    void an_import_records_the_provider_time() {
        String id = account();
        JsonNode entry =
                logs("?account_id=" + id + "&route=/integrated-accounts").at("/result/0");
        assertThat(entry.get("status").asInt()).isEqualTo(201);
        assertThat(entry.get("remote_duration_ms").isNumber()).isTrue();
    }

    @Test
    void the_log_filters_by_status_class() {
        api.get("/integrated-accounts/" + UUID.randomUUID(), tenant.token());
        JsonNode page = logs("?status=4xx");
        assertThat(page.get("result_count").asInt()).isPositive();
        assertThat(page.get("result").findValuesAsText("status")).allMatch(s -> s.startsWith("4"));
        assertThat(logs("?status=404").get("result").findValuesAsText("route")).contains("/integrated-accounts/{id}");
    }

    @Test
    void the_log_paginates_with_a_cursor() {
        for (int i = 0; i < 3; i++) {
            api.get("/integrated-accounts", tenant.token());
        }
        JsonNode first = logs("?limit=2");
        JsonNode second = logs("?limit=2&cursor=" + first.get("next_cursor").asText());
        assertThat(second.at("/result/0/id").asLong())
                .isLessThan(first.at("/result/1/id").asLong());
    }

    @Test
    void the_log_filters_by_time_range() {
        api.get("/integrated-accounts", tenant.token());
        assertThat(logs("?to=2000-01-01T00:00:00Z").get("result_count").asInt()).isZero();
        assertThat(logs("?from=2000-01-01T00:00:00Z").get("result_count").asInt())
                .isPositive();
        assertThat(api.get("/logs?from=yesterday", tenant.token()).status()).isEqualTo(400);
    }

    @Test
    void rows_older_than_the_retention_are_purged() {
        UUID marker = UUID.randomUUID();
        writer.enqueue(new RequestLogEntry(
                null,
                tenant.id(),
                null,
                marker,
                "GET",
                "/old",
                200,
                1,
                null,
                "req_old",
                Instant.now().minus(Duration.ofDays(31))));
        assertThat(logs("?account_id=" + marker).get("result_count").asInt()).isEqualTo(1);
        purge.purge();
        assertThat(logs("?account_id=" + marker).get("result_count").asInt()).isZero();
    }

    @Test
    void link_session_calls_without_a_tenant_jwt_are_not_attributed_to_anyone() {
        api.send("GET", "/link-session", null, null, Map.of("X-Link-Token", "lt_unknown"));
        assertThat(logs("?route=/link-session").get("result_count").asInt()).isZero();
    }
}
