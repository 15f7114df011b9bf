package dev.interlink.platform.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Issues our access tokens: ES256, signed by the newest configured key, short-lived. */
@Singleton
public class TokenIssuer {
    private final SigningKeys keys;
    private final JwtConfig config;
    private final Clock clock;

    public TokenIssuer(SigningKeys keys, JwtConfig config, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    public record Issued(String token, long expiresInSeconds) {}

    public Issued issue(ApiClient client, String scope) {
        return sign(claims(client.tenantId(), client.clientId(), scope, config.audience())
                .build());
    }

    /**
     * An admin UI session token: {@code sub = admin:<id>}, claim {@code adm} = the admin user id, the admin audience,
     * every scope. {@link JwtVerifier} re-checks the admin on each request, so disabling or deleting one ends its
     * access.
     */
    public Issued issueAdmin(UUID tenantId, UUID adminUserId) {
        return sign(
                claims(tenantId, "admin:" + adminUserId, String.join(" ", Scopes.ADMIN_SESSION), config.adminAudience())
                        .claim("adm", adminUserId.toString())
                        .build());
    }

    private JWTClaimsSet.Builder claims(UUID tenantId, String subject, String scope, String audience) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .issuer(config.issuer())
                .audience(audience)
                .subject(subject)
                .claim("tid", tenantId.toString())
                .claim("scope", scope)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(config.tokenTtl())))
                .jwtID(UUID.randomUUID().toString());
    }

    private Issued sign(JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(keys.signingKey().getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new ECDSASigner(keys.signingKey()));
            return new Issued(jwt.serialize(), config.tokenTtl().toSeconds());
        } catch (JOSEException e) {
            throw new IllegalStateException("JWT signing failed", e);
        }
    }
}
