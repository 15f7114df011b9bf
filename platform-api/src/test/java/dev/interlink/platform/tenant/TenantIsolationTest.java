package dev.interlink.platform.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.auth.SigningKeys;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class TenantIsolationTest extends ApiTest {
    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    Api api;
    TestTenant a;
    TestTenant b;

    @BeforeAll
    void tenants() {
        api = new Api(server.getURI());
        a = TestTenants.create(tenants, api, "Tenant A");
        b = TestTenants.create(tenants, api, "Tenant B");
    }

    private String clientOfA() {
        return api.post("/api-clients", a.token(), Map.of("name", "a-extra", "scopes", List.of("tenant:read")))
                .json()
                .at("/client/id")
                .asText();
    }

    @Test
    void tenant_b_does_not_see_tenant_a_clients_in_its_list() {
        String id = clientOfA();
        assertThat(api.get("/api-clients", b.token()).text()).doesNotContain(id).doesNotContain(a.clientId());
    }

    @Test
    void tenant_b_cannot_rotate_tenant_a_client_secret() {
        Api.Response response = api.post("/api-clients/" + clientOfA() + "/secrets", b.token(), Map.of());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("PLATFORM.NOT_FOUND");
    }

    @Test
    void tenant_b_cannot_revoke_tenant_a_client() {
        String id = clientOfA();
        assertThat(api.delete("/api-clients/" + id, b.token()).status()).isEqualTo(404);
        assertThat(api.get("/api-clients", a.token()).json().findValuesAsText("id"))
                .contains(id);
        assertThat(api.get("/api-clients", a.token()).text()).doesNotContain("\"revoked_at\":\"");
    }

    @Test
    void tenant_b_cannot_register_a_key_on_tenant_a_client() {
        Map<String, Object> jwk = SigningKeys.generate().toPublicJWK().toJSONObject();
        assertThat(api.put("/api-clients/" + clientOfA() + "/public-jwk", b.token(), Map.of("public_jwk", jwk))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void each_tenant_reads_and_changes_only_its_own_settings() {
        api.patch("/tenant", a.token(), Map.of("display_name", "Acme A"));
        assertThat(api.get("/tenant", b.token()).json().get("display_name").asText())
                .isEqualTo("Tenant B");
        assertThat(api.get("/tenant", a.token()).json().get("display_name").asText())
                .isEqualTo("Acme A");
    }

    @Test
    void a_tenant_id_in_the_body_is_ignored() {
        api.patch(
                "/tenant",
                b.token(),
                Map.of("id", a.id().toString(), "tenant_id", a.id().toString(), "display_name", "B2"));
        assertThat(api.get("/tenant", a.token()).json().get("display_name").asText())
                .isNotEqualTo("B2");
    }
}
