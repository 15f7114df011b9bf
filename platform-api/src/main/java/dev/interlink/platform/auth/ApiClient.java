package dev.interlink.platform.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity("api_client")
public record ApiClient(
        @Id UUID id,
        UUID tenantId,
        String clientId,
        String name,
        String[] scopes,
        @Nullable String publicJwk,
        Instant createdAt,
        @Nullable Instant revokedAt,
        @Nullable String createdBy) {}
