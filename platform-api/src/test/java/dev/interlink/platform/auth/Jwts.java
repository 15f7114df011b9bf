package dev.interlink.platform.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Hand-made tokens for the attack and rotation tests. */
final class Jwts {
    private Jwts() {}

    /** Claims exactly like the ones our token endpoint issues, for a client of a tenant. */
    static JWTClaimsSet.Builder ours(String clientId, UUID tenantId) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("interlink")
                .audience("interlink-api")
                .subject(clientId)
                .claim("tid", tenantId.toString())
                .claim("scope", "tenant:read")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .jwtID(UUID.randomUUID().toString());
    }

    static String es256(ECKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
