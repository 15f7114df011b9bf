package dev.interlink.platform.imports;

import dev.interlink.platform.provider.AtsResource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One import as stored (import_definition); {@code provider} is the account's, joined in for the view and runs. */
record ImportDefinition(
        UUID id,
        UUID tenantId,
        UUID accountId,
        String provider,
        String name,
        AtsResource resource,
        List<String> fields,
        Map<String, String> filters,
        ImportSchedule schedule,
        int keepSnapshots,
        Instant nextRunAt,
        Instant createdAt,
        Instant updatedAt) {}
