package dev.interlink.platform.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A person who signs in to the admin UI of one tenant. {@code passwordHash} is an Argon2id PHC string. */
@MappedEntity("admin_user")
public record AdminUser(
        @Id UUID id,
        UUID tenantId,
        String email,
        String passwordHash,
        String status,
        Instant createdAt,
        @Nullable Instant lastSignInAt,
        @Nullable Instant deletedAt) {
    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";
}
