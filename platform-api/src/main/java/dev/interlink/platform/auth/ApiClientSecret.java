package dev.interlink.platform.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity("api_client_secret")
public record ApiClientSecret(
        @Id UUID id, UUID apiClientId, String secretSha256, Instant createdAt, @Nullable Instant expiresAt) {}
