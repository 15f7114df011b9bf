package dev.interlink.platform.linking;

import dev.interlink.platform.account.EndUser;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored link token (the token itself is not stored, only its SHA-256). */
public record LinkToken(
        UUID id,
        UUID tenantId,
        EndUser endUser,
        List<String> providers,
        @Nullable UUID integratedAccountId,
        int attempts,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant consumedAt) {}
