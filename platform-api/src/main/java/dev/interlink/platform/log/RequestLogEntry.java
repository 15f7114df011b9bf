package dev.interlink.platform.log;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/**
 * One tenant-API call: who (tenant, API client), what (method, route template, account), outcome (status),
 * and how long (total, and inside the provider). Never bodies, query strings, headers or secrets.
 */
public record RequestLogEntry(
        @Nullable Long id,
        @JsonIgnore UUID tenantId,
        @Nullable UUID apiClientId,
        @Nullable UUID accountId,
        String method,
        String route,
        int status,
        long durationMs,
        @Nullable Long remoteDurationMs,
        @Nullable String requestId,
        Instant createdAt) {}
