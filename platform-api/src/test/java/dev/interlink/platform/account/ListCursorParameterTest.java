package dev.interlink.platform.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Platform lists take their cursor as {@code next_cursor}, like the unified lists, and still as {@code cursor}. */
@MicronautTest(transactional = false)
class ListCursorParameterTest extends ApiTest {
    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    Api api;
    TestTenant tenant;
    String cursor;

    @Override
    protected Map<String, String> extraProperties() {
        return ProviderSandbox.properties();
    }

    @BeforeAll
    void setUp() {
        api = new Api(server.getURI());
        tenant = TestTenants.create(tenants, api, "Cursors");
        for (String endUser : new String[] {"a", "b", "c"}) {
            Api.Response r = api.post(
                    "/integrated-accounts",
                    tenant.token(),
                    Map.of(
                            "provider", "cats",
                            "end_user", Map.of("id", endUser),
                            "credentials",
                                    Map.of("api_key", ProviderSandbox.cats().apiKey())));
            assertThat(r.status()).as(r.text()).isEqualTo(201);
        }
        cursor = api.get("/integrated-accounts?limit=2", tenant.token())
                .json()
                .get("next_cursor")
                .asText();
    }

    @Test
    void next_cursor_as_a_query_parameter_gives_the_next_page() {
        Api.Response next = api.get("/integrated-accounts?limit=2&next_cursor=" + cursor, tenant.token());
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.json().get("result")).hasSize(1);
        assertThat(next.json().get("next_cursor").isNull()).isTrue();
    }

    @Test
    void cursor_is_still_accepted_as_the_older_name() {
        Api.Response next = api.get("/integrated-accounts?limit=2&cursor=" + cursor, tenant.token());
        assertThat(next.json().get("result")).hasSize(1);
    }

    @Test
    void next_cursor_and_a_different_cursor_answer_400() {
        Api.Response both = api.get("/integrated-accounts?limit=2&next_cursor=" + cursor + "&cursor=x", tenant.token());
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.code()).isEqualTo("PLATFORM.INPUT_INVALID");
    }
}
