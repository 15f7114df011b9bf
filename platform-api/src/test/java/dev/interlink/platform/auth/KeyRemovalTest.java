package dev.interlink.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Once a key is removed from the configuration, tokens it signed stop working. */
@MicronautTest(transactional = false)
class KeyRemovalTest extends ApiTest {

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("interlink.jwt.keys", new JWKSet(KeyRotationTest.CURRENT).toString(false));
    }

    @Test
    void a_token_signed_by_the_removed_key_is_rejected() {
        Api api = new Api(server.getURI());
        TestTenant acme = TestTenants.create(tenants, api, "Acme");
        String old = Jwts.es256(
                KeyRotationTest.PREVIOUS, Jwts.ours(acme.clientId(), acme.id()).build());
        assertThat(api.get("/tenant", old).status()).isEqualTo(401);
        assertThat(api.get("/tenant", acme.token()).status()).isEqualTo(200);
    }
}
