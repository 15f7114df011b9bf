package dev.interlink.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.admin.AdminService;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestKeys;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A principal grants, rotates, keys or revokes only what lies within its own scopes; admin routes are for admins. */
@MicronautTest(transactional = false)
class ScopeContainmentTest extends ApiTest {
    private static final String PASSWORD = "a long enough password";

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    AdminService admins;

    Api api;
    TestTenant tenant;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("interlink.api-clients.max-per-tenant", "12");
    }

    @BeforeAll
    void setUp() {
        api = new Api(server.getURI());
        tenant = TestTenants.create(tenants, api, "Scopes");
    }

    /** A new client of the tenant with exactly {@code scopes}, and a token for it. */
    private record Client(String id, String token) {}

    private Client client(String creatorToken, List<String> scopes) {
        Api.Response created = api.post("/api-clients", creatorToken, Map.of("name", "c", "scopes", scopes));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode json = created.json();
        String token = api.token(
                        json.at("/client/client_id").asText(),
                        json.get("client_secret").asText(),
                        null)
                .json()
                .get("access_token")
                .asText();
        return new Client(json.at("/client/id").asText(), token);
    }

    @Test
    @DisplayName("A client with only api_clients:write cannot mint a client with more scopes")
    void cannotGrantMore() {
        Client writer = client(tenant.token(), List.of("api_clients:write"));

        Api.Response minted = api.post(
                "/api-clients", writer.token(), Map.of("name", "escalated", "scopes", List.of("unified:read")));

        assertThat(minted.status()).isEqualTo(403);
        assertThat(minted.code()).isEqualTo("PLATFORM.SCOPE_NOT_HELD");
        assertThat(minted.json().get("scopes_not_held").toString()).isEqualTo("[\"unified:read\"]");
    }

    @Test
    @DisplayName("A client created without scopes gets exactly its creator's scopes, not every scope")
    void omittedScopesMeanTheCreators() {
        Client writer = client(tenant.token(), List.of("api_clients:write", "tenant:read"));

        Api.Response minted = api.post("/api-clients", writer.token(), Map.of("name", "defaulted"));

        assertThat(minted.status()).isEqualTo(201);
        assertThat(minted.json().at("/client/scopes").toString()).isEqualTo("[\"tenant:read\",\"api_clients:write\"]");
    }

    @Test
    @DisplayName("A client cannot rotate the secret of a client that holds more scopes")
    void cannotRekeyAStrongerClient() {
        Client writer = client(tenant.token(), List.of("api_clients:write"));
        Client strong = client(tenant.token(), List.of("api_clients:write", "unified:read"));

        Api.Response rotated = api.post("/api-clients/" + strong.id() + "/secrets", writer.token(), Map.of());

        assertThat(rotated.status()).isEqualTo(403);
        assertThat(rotated.code()).isEqualTo("PLATFORM.SCOPE_NOT_HELD");
    }

    @Test
    @DisplayName("A client cannot register its own signing key on a client that holds more scopes")
    void cannotKeyAStrongerClient() {
        Client writer = client(tenant.token(), List.of("api_clients:write"));
        Client strong = client(tenant.token(), List.of("unified:write"));

        Api.Response keyed = api.put(
                "/api-clients/" + strong.id() + "/public-jwk",
                writer.token(),
                Map.of("public_jwk", TestKeys.KEY.toPublicJWK().toJSONObject()));

        assertThat(keyed.status()).isEqualTo(403);
    }

    @Test
    @DisplayName("A client cannot revoke a client that holds more scopes")
    void cannotRevokeAStrongerClient() {
        Client writer = client(tenant.token(), List.of("api_clients:write"));
        Client strong = client(tenant.token(), List.of("api_clients:write", "proxy"));

        assertThat(api.delete("/api-clients/" + strong.id(), writer.token()).status())
                .isEqualTo(403);
        assertThat(api.get("/api-clients", tenant.token()).text()).contains(strong.id());
        assertThat(api.get("/tenant", strong.token()).status()).isNotEqualTo(401);
    }

    @Test
    @DisplayName("Revoking a leaked client reports the clients it created that are still live")
    void revocationReportsWhatTheClientCreated() {
        Client leaked = client(tenant.token(), List.of("api_clients:write", "unified:read"));
        Client leftBehind = client(leaked.token(), List.of("unified:read"));

        Api.Response revoked = api.delete("/api-clients/" + leaked.id(), tenant.token());

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().at("/revoked/revoked_at").isNull()).isFalse();
        assertThat(revoked.json().at("/created_clients_still_live/0/id").asText())
                .isEqualTo(leftBehind.id());
        assertThat(revoked.json().at("/created_clients_still_live/0/created_by").asText())
                .isEqualTo("api_client:" + leaked.id());
    }

    @Test
    @DisplayName("An API client holding every scope cannot reach the admin routes")
    void clientTokensStayOutOfAdminRoutes() {
        Api.Response overview = api.get("/admin/overview", tenant.token());
        Api.Response users = api.get("/admin/users", tenant.token());

        assertThat(overview.status()).isEqualTo(403);
        assertThat(users.status()).isEqualTo(403);
    }

    @Test
    @DisplayName("An API client cannot create an admin user, so a leaked client cannot leave an admin behind")
    void clientCannotCreateAnAdmin() {
        Api.Response created = api.post(
                "/admin/users",
                tenant.token(),
                Map.of("email", "backdoor-" + UUID.randomUUID() + "@example.com", "password", PASSWORD));

        assertThat(created.status()).isEqualTo(403);
    }

    @Test
    @DisplayName("A signed-in admin can create another admin")
    void adminCreatesAdmin() {
        var admin = admins.create(tenant.id(), "admin-" + UUID.randomUUID() + "@example.com", PASSWORD);
        String token = api.post(
                        "/admin/sessions",
                        null,
                        Map.of("tenant", tenant.slug(), "email", admin.email(), "password", PASSWORD))
                .json()
                .get("access_token")
                .asText();

        Api.Response created = api.post(
                "/admin/users",
                token,
                Map.of("email", "second-" + UUID.randomUUID() + "@example.com", "password", PASSWORD));

        assertThat(created.status()).isEqualTo(201);
    }

    @Test
    @DisplayName("A tenant cannot mint API clients without bound: past the cap, creation answers 409")
    void clientsPerTenantAreCapped() {
        TestTenant other = TestTenants.create(tenants, api, "Capped");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            statuses.add(api.post("/api-clients", other.token(), Map.of("name", "n" + i))
                    .status());
        }

        // the tenant's default client counts: 11 more fit under the cap of 12
        assertThat(statuses.subList(0, 11)).containsOnly(201);
        assertThat(statuses.get(11)).isEqualTo(409);
        assertThat(api.post("/api-clients", other.token(), Map.of("name", "more"))
                        .code())
                .isEqualTo("PLATFORM.LIMIT_REACHED");
    }
}
