package dev.interlink.platform.tenant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity("tenant")
public record Tenant(
        @Id UUID id,
        String name,
        String slug,
        String displayName,
        String[] allowedOrigins,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant deletedAt) {}
