package dev.interlink.platform.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tenant B addresses tenant A's account, link-token and log ids on every route: always 404, nothing changes. */
@MicronautTest(transactional = false)
class CrossTenantTest extends ApiTest {
    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    RequestLogWriter writer;

    Api api;
    TestTenant a;
    TestTenant b;
    String accountOfA;
    String logOfA;

    @Override
    protected Map<String, String> extraProperties() {
        return ProviderSandbox.properties();
    }

    @BeforeAll
    void setUp() {
        api = new Api(server.getURI());
        a = TestTenants.create(tenants, api, "Tenant A");
        b = TestTenants.create(tenants, api, "Tenant B");
        accountOfA = api.post(
                        "/integrated-accounts",
                        a.token(),
                        Map.of(
                                "provider", "cats",
                                "end_user", Map.of("id", "a-user"),
                                "credentials",
                                        Map.of("api_key", ProviderSandbox.cats().apiKey())))
                .json()
                .get("id")
                .asText();
        writer.flush();
        logOfA = api.get("/logs?account_id=" + accountOfA, a.token())
                .json()
                .at("/result/0/id")
                .asText();
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of(Named.of("GET account", "GET"), "/integrated-accounts/{account}", null),
                Arguments.of(
                        Named.of("GET status history", "GET"), "/integrated-accounts/{account}/status-history", null),
                Arguments.of(
                        Named.of("PATCH account", "PATCH"),
                        "/integrated-accounts/{account}",
                        Map.of("status", "disabled")),
                Arguments.of(
                        Named.of("PUT credentials", "PUT"),
                        "/integrated-accounts/{account}/credentials",
                        Map.of("credentials", Map.of("api_key", "whatever-123456"))),
                Arguments.of(Named.of("DELETE account", "DELETE"), "/integrated-accounts/{account}", null),
                Arguments.of(
                        Named.of("POST link token for re-auth", "POST"),
                        "/link-tokens",
                        Map.of("end_user", Map.of("id", "x"), "integrated_account_id", "{account}")),
                Arguments.of(Named.of("GET log entry", "GET"), "/logs/{log}", null));
    }

    @ParameterizedTest
    @MethodSource("routes")
    void tenant_b_gets_404_for_tenant_a_ids(String method, String path, Map<String, Object> body) {
        String p = path.replace("{account}", accountOfA).replace("{log}", logOfA);
        Object b2 = body == null ? null : fill(body);
        Api.Response r = api.send(method, p, b.token(), b2, Map.of());
        assertThat(r.status()).as(r.text()).isEqualTo(404);
        assertThat(r.text()).doesNotContain("a-user");
        Api.Response stillThere = api.get("/integrated-accounts/" + accountOfA, a.token());
        assertThat(stillThere.status()).isEqualTo(200);
        assertThat(stillThere.json().get("status").asText()).isEqualTo("active");
    }

    @SuppressWarnings("unchecked")
    private Object fill(Map<String, Object> body) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(body);
        copy.replaceAll((k, v) -> "{account}".equals(v) ? accountOfA : v);
        return copy;
    }

    @Test
    void tenant_b_sees_neither_the_account_nor_its_logs_in_lists() {
        assertThat(api.get("/integrated-accounts", b.token()).text()).doesNotContain(accountOfA);
        assertThat(api.get("/logs?account_id=" + accountOfA, b.token())
                        .json()
                        .get("result_count")
                        .asInt())
                .isZero();
    }

    @Test
    void a_cursor_from_tenant_a_reveals_nothing_to_tenant_b() {
        api.post(
                "/integrated-accounts",
                a.token(),
                Map.of(
                        "provider", "cats",
                        "end_user", Map.of("id", "a-user-2"),
                        "credentials", Map.of("api_key", ProviderSandbox.cats().apiKey())));
        String cursor = api.get("/integrated-accounts?limit=1", a.token())
                .json()
                .get("next_cursor")
                .asText();
        assertThat(api.get("/integrated-accounts?cursor=" + cursor, b.token())
                        .json()
                        .get("result_count")
                        .asInt())
                .isZero();
    }
}
