package dev.interlink.platform.imports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.account.Page;
import dev.interlink.platform.account.PageCursor;
import dev.interlink.platform.common.ApiProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The tenant's snapshots: listed per import, found by id, compared. */
@Singleton
class SnapshotService {
    static final int MAX_DIFF_ITEMS = 10_000;

    private final ImportService imports;
    private final SnapshotRepository snapshots;

    SnapshotService(ImportService imports, SnapshotRepository snapshots) {
        this.imports = imports;
        this.snapshots = snapshots;
    }

    @Transactional
    Page<Snapshot> list(UUID tenantId, String importId, @Nullable String cursor, @Nullable Integer limit) {
        ImportDefinition d = imports.get(tenantId, importId);
        int n = PageCursor.limit(limit, 50, 200);
        return ImportService.page(
                snapshots.list(tenantId, d.id(), cursor == null ? null : PageCursor.decode(cursor), n),
                n,
                s -> new PageCursor(s.createdAt(), s.id().toString()));
    }

    @Transactional
    Snapshot get(UUID tenantId, String id) {
        return snapshots
                .find(tenantId, ImportService.id(id, "Snapshot"))
                .orElseThrow(() -> ImportService.notFound("Snapshot"));
    }

    static Map<String, Object> view(Snapshot s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", s.id());
        v.put("import_id", s.importId());
        v.put("run_id", s.runId());
        v.put("record_count", s.recordCount());
        v.put("fields", s.fields());
        v.put("created_at", s.createdAt());
        return v;
    }

    /**
     * What changed from {@code against} (the older) to {@code id}: added, removed and changed records with each
     * changed field's before and after. The counts are always whole; the lists stop at {@code limit} items each.
     */
    @Transactional
    Map<String, Object> diff(UUID tenantId, String id, @Nullable String against, @Nullable Integer limit) {
        if (against == null || against.isBlank()) throw ApiProblem.invalid("/against", "is required: a snapshot id");
        int n = PageCursor.limit(limit, 1000, MAX_DIFF_ITEMS);
        Snapshot newer = get(tenantId, id);
        Snapshot older = get(tenantId, against);
        List<Map<String, Object>> added = new ArrayList<>();
        List<Map<String, Object>> removed = new ArrayList<>();
        List<Map<String, Object>> changed = new ArrayList<>();
        long[] counts = new long[3];
        snapshots.diff(older.id(), newer.id(), (rid, before, after) -> {
            if (before == null) {
                if (counts[0]++ < n) added.add(Map.of("id", rid, "values", after));
            } else if (after == null) {
                if (counts[1]++ < n) removed.add(Map.of("id", rid, "values", before));
            } else {
                List<Map<String, Object>> changes = changes(before, after);
                if (changes.isEmpty()) return;
                if (counts[2]++ < n) changed.add(Map.of("id", rid, "changes", changes));
            }
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("snapshot_id", newer.id());
        out.put("against", older.id());
        out.put("counts", Map.of("added", counts[0], "removed", counts[1], "changed", counts[2]));
        out.put("added", added);
        out.put("removed", removed);
        out.put("changed", changed);
        out.put("truncated", counts[0] > n || counts[1] > n || counts[2] > n);
        return out;
    }

    /** Per field (the union of both snapshots' fields), before and after where they differ. */
    static List<Map<String, Object>> changes(JsonNode before, JsonNode after) {
        Set<String> fields = new LinkedHashSet<>();
        after.fieldNames().forEachRemaining(fields::add);
        before.fieldNames().forEachRemaining(fields::add);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String f : fields) {
            JsonNode b = before.path(f);
            JsonNode a = after.path(f);
            if (b.equals(a)) continue;
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("field", f);
            c.put("before", b.isMissingNode() ? null : b);
            c.put("after", a.isMissingNode() ? null : a);
            out.add(c);
        }
        return out;
    }
}
