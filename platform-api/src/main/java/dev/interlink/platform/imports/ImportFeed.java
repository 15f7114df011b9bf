package dev.interlink.platform.imports;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A read-only feed URL of an import's latest snapshot; the token itself is never stored, only its SHA-256. */
record ImportFeed(UUID id, UUID tenantId, UUID importId, Instant expiresAt, Instant revokedAt, Instant createdAt) {
    Map<String, Object> view() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("import_id", importId);
        v.put("expires_at", expiresAt);
        v.put("revoked_at", revokedAt);
        v.put("created_at", createdAt);
        return v;
    }
}
