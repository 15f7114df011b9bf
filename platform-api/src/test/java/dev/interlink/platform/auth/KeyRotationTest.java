package dev.interlink.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signing keys rotate without downtime: the newest key signs, older ones verify until removed. */
@MicronautTest(transactional = false)
class KeyRotationTest extends ApiTest {
    static final ECKey PREVIOUS = new ECKey.Builder(SigningKeys.generate())
            .issueTime(Date.from(Instant.parse("2026-01-01T00:00:00Z")))
            .build();
    static final ECKey CURRENT = new ECKey.Builder(SigningKeys.generate())
            .issueTime(Date.from(Instant.parse("2026-06-01T00:00:00Z")))
            .build();

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    Api api;
    TestTenant acme;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("interlink.jwt.keys", new JWKSet(java.util.List.of(PREVIOUS, CURRENT)).toString(false));
    }

    @BeforeAll
    void setUp() {
        api = new Api(server.getURI());
        acme = TestTenants.create(tenants, api, "Acme");
    }

    @Test
    void new_tokens_are_signed_by_the_newest_key() throws Exception {
        assertThat(SignedJWT.parse(acme.token()).getHeader().getKeyID()).isEqualTo(CURRENT.getKeyID());
    }

    @Test
    void a_token_signed_by_the_previous_key_still_verifies() {
        String old = Jwts.es256(PREVIOUS, Jwts.ours(acme.clientId(), acme.id()).build());
        assertThat(api.get("/tenant", old).status()).isEqualTo(200);
    }

    @Test
    void jwks_publishes_both_public_keys_and_no_private_part() {
        Api.Response jwks = api.get("/.well-known/jwks.json", null);
        assertThat(jwks.json().get("keys").findValuesAsText("kid"))
                .containsExactlyInAnyOrder(PREVIOUS.getKeyID(), CURRENT.getKeyID());
        assertThat(jwks.json().get("keys").findValues("d")).isEmpty();
    }
}
