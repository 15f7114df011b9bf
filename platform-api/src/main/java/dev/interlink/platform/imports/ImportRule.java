package dev.interlink.platform.imports;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** What to announce after a run: a record added or removed, or a field changed (to a value, when {@code to} is set). */
record ImportRule(UUID id, UUID tenantId, UUID importId, String when, String field, String to, Instant createdAt) {
    static final String ADDED = "record_added";
    static final String REMOVED = "record_removed";
    static final String CHANGED = "field_changed";

    Map<String, Object> view() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("import_id", importId);
        v.put("when", when);
        v.put("field", field);
        v.put("to", to);
        v.put("created_at", createdAt);
        return v;
    }
}
