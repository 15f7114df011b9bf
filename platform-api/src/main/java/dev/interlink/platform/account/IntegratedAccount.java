package dev.interlink.platform.account;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One end customer's connection to one provider, owned by one tenant. Holds no credentials: those are in the
 * vault, bound to {@code (tenantId, id)}. This record is also the API representation (tenant id omitted).
 */
public record IntegratedAccount(
        UUID id,
        @JsonIgnore UUID tenantId,
        String provider,
        EndUser endUser,
        AccountStatus status,
        @Nullable String statusReason,
        Instant statusChangedAt,
        Map<String, Object> context,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant lastUsedAt) {}
