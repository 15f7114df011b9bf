package dev.interlink.platform.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * JWT settings. Signing keys are an ES256 JWK set, given inline ({@code INTERLINK_JWT_KEYS}) or as a
 * file ({@code INTERLINK_JWT_KEYS_FILE}); the key with the newest {@code iat} signs, all verify. API-client tokens carry
 * {@code audience}, admin-UI session tokens {@code adminAudience}: neither is accepted where the other belongs.
 */
@ConfigurationProperties("interlink.jwt")
public record JwtConfig(
        @Nullable String keys,
        @Nullable String keysFile,
        String issuer,
        String audience,
        String adminAudience,
        Duration tokenTtl,
        Duration clockSkew) {}
