package dev.interlink.platform.webhook;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A tenant's webhook endpoint as the API shows it (never its secrets). */
public record WebhookEndpoint(
        UUID id,
        @JsonIgnore UUID tenantId,
        String url,
        List<String> eventTypes,
        @Nullable String description,
        String status,
        @Nullable String disabledReason,
        @Nullable Instant previousSecretExpiresAt,
        @Nullable Instant failingSince,
        Instant createdAt,
        Instant updatedAt) {
    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";

    public boolean active() {
        return ACTIVE.equals(status);
    }
}
