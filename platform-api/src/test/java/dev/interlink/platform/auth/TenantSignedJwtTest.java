package dev.interlink.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
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
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A tenant backend signs its own JWTs with a key whose public half it registered: no secret on the wire. */
@MicronautTest(transactional = false)
class TenantSignedJwtTest extends ApiTest {
    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    Api api;
    TestTenant acme;
    ECKey ecKey = SigningKeys.generate();
    String ecClient;

    @BeforeAll
    void setUp() {
        api = new Api(server.getURI());
        acme = TestTenants.create(tenants, api, "Acme");
        ecClient = api.post(
                        "/api-clients",
                        acme.token(),
                        Map.of(
                                "name",
                                "self-signing",
                                "scopes",
                                List.of("tenant:read"),
                                "public_jwk",
                                ecKey.toPublicJWK().toJSONObject()))
                .json()
                .at("/client/client_id")
                .asText();
    }

    private JWTClaimsSet.Builder claims(String issuer, Duration lifetime) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience("interlink-api")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String sign(ECKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    @Test
    void a_jwt_signed_with_the_registered_ec_key_is_accepted_with_the_client_scopes() throws Exception {
        String token = sign(ecKey, claims(ecClient, Duration.ofMinutes(5)).build());
        assertThat(api.get("/tenant", token).status()).isEqualTo(200);
        assertThat(api.patch("/tenant", token, Map.of("display_name", "x")).status())
                .isEqualTo(403);
    }

    @Test
    void a_jwt_signed_with_a_registered_rsa_key_is_accepted() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        String id = api.post("/api-clients", acme.token(), Map.of("name", "rsa", "scopes", List.of("tenant:read")))
                .json()
                .at("/client/id")
                .asText();
        String clientId = api.put(
                        "/api-clients/" + id + "/public-jwk",
                        acme.token(),
                        Map.of("public_jwk", rsa.toPublicJWK().toJSONObject()))
                .json()
                .get("client_id")
                .asText();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).build(),
                claims(clientId, Duration.ofMinutes(5)).build());
        jwt.sign(new RSASSASigner(rsa));
        assertThat(api.get("/tenant", jwt.serialize()).status()).isEqualTo(200);
    }

    @Test
    void a_jwt_living_longer_than_fifteen_minutes_is_rejected() throws Exception {
        assertThat(api.get(
                                "/tenant",
                                sign(
                                        ecKey,
                                        claims(ecClient, Duration.ofHours(2)).build()))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void a_jwt_signed_with_another_key_is_rejected() throws Exception {
        assertThat(api.get(
                                "/tenant",
                                sign(
                                        SigningKeys.generate(),
                                        claims(ecClient, Duration.ofMinutes(5)).build()))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void a_jwt_for_another_audience_is_rejected() throws Exception {
        assertThat(api.get(
                                "/tenant",
                                sign(
                                        ecKey,
                                        claims(ecClient, Duration.ofMinutes(5))
                                                .audience("x")
                                                .build()))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void a_private_key_is_refused_as_a_public_jwk() {
        Api.Response response =
                api.post("/api-clients", acme.token(), Map.of("name", "oops", "public_jwk", ecKey.toJSONObject()));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/errors/0/pointer").asText()).isEqualTo("/public_jwk");
        assertThat(response.text()).doesNotContain(ecKey.getD().toString());
    }
}
