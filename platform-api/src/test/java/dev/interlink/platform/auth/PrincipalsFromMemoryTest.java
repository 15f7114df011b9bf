package dev.interlink.platform.auth;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@link AuthFilter} decides on the event loop ({@link JwtVerifier#fromMemory}): only a token this replica
 * verified before, of a client it holds cached, and never one whose client was revoked since.
 */
@MicronautTest(transactional = false)
class PrincipalsFromMemoryTest extends ApiTest {
    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    JwtVerifier verifier;

    Api api;
    TestTenant tenant;

    @BeforeAll
    void setUp() {
        api = new Api(server.getURI());
        tenant = TestTenants.create(tenants, api, "Memory");
    }

    private record Client(String id, String token) {}

    private Client client(List<String> scopes) {
        JsonNode json = api.post("/api-clients", tenant.token(), Map.of("name", "m", "scopes", scopes))
                .json();
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
    void a_token_never_verified_on_this_replica_is_not_known_from_memory() {
        Client client = client(List.of("unified:read"));
        assertThat(verifier.fromMemory(client.token())).isEmpty();
    }

    @Test
    void a_token_verified_before_is_known_from_memory_with_the_scopes_its_client_holds() {
        Client client = client(List.of("tenant:read", "proxy"));
        assertThat(api.get("/tenant", client.token()).status()).isEqualTo(200);
        assertThat(verifier.fromMemory(client.token())).hasValueSatisfying(p -> {
            assertThat(p.has("proxy")).isTrue();
            assertThat(p.has("unified:read")).isFalse();
        });
    }

    @Test
    void a_token_known_from_memory_still_needs_the_scope_of_its_route() {
        Client client = client(List.of("tenant:read"));
        assertThat(api.get("/tenant", client.token()).status()).isEqualTo(200);
        Api.Response refused = api.get("/unified/ats/candidates", client.token());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("PLATFORM.FORBIDDEN");
    }

    @Test
    void a_revoked_clients_token_is_no_longer_known_from_memory_and_is_refused() {
        Client client = client(List.of("unified:read"));
        verifier.verify(client.token());
        assertThat(api.delete("/api-clients/" + client.id(), tenant.token()).status())
                .isEqualTo(200);
        assertThat(verifier.fromMemory(client.token())).isEmpty();
        assertThat(api.get("/unified/ats/candidates", client.token()).status()).isEqualTo(401);
    }

    @Test
    void a_forged_token_is_refused_on_the_blocking_path() {
        assertThat(verifier.fromMemory("eyJhbGciOiJub25lIn0.e30.")).isEmpty();
        assertThat(api.get("/tenant", "eyJhbGciOiJub25lIn0.e30.").status()).isEqualTo(401);
    }
}
