package dev.interlink.platform.imports;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A complete snapshot: the records one succeeded run read. */
record Snapshot(
        UUID id, UUID tenantId, UUID importId, UUID runId, List<String> fields, int recordCount, Instant createdAt) {}
