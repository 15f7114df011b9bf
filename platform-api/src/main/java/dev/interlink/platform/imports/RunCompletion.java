package dev.interlink.platform.imports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.events.Events;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What follows a succeeded run: its rules, matched against the diff from the previous snapshot (one
 * {@code import.rule_matched} event per matching record and rule, through the tenant's webhooks), then retention
 * ({@code keep_snapshots}). Events and retention commit together: a crash here leaves neither half done.
 */
@Singleton
class RunCompletion {
    private final SnapshotRepository snapshots;
    private final ExtrasRepository extras;
    private final Events events;

    RunCompletion(SnapshotRepository snapshots, ExtrasRepository extras, Events events) {
        this.snapshots = snapshots;
        this.extras = extras;
        this.events = events;
    }

    @Transactional
    void succeeded(ImportDefinition def, UUID runId) {
        Snapshot current = snapshots.ofRun(runId).orElse(null);
        if (current == null) return;
        List<ImportRule> rules = extras.rules(def.tenantId(), def.id());
        if (!rules.isEmpty()) {
            snapshots.previous(current).ifPresent(previous -> announce(def, runId, current, previous, rules));
        }
        snapshots.retain(def.id(), def.keepSnapshots());
    }

    private void announce(
            ImportDefinition def, UUID runId, Snapshot current, Snapshot previous, List<ImportRule> rules) {
        List<Map<String, Object>> matches = new ArrayList<>();
        snapshots.diff(previous.id(), current.id(), (id, before, after) -> {
            for (ImportRule rule : rules) {
                Map<String, Object> change = match(rule, before, after);
                if (change == null) continue;
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("import_id", def.id());
                data.put("rule", rule.view());
                data.put("run_id", runId);
                data.put("snapshot_id", current.id());
                data.put("record", Map.of("id", id, "values", after != null ? after : before));
                data.put("change", change.isEmpty() ? null : change);
                matches.add(data);
            }
        });
        for (Map<String, Object> data : matches) events.publish(def.tenantId(), "import.rule_matched", data);
    }

    /** Null when the rule does not match; an empty map for an added/removed match; the change of a field match. */
    static Map<String, Object> match(ImportRule rule, JsonNode before, JsonNode after) {
        return switch (rule.when()) {
            case ImportRule.ADDED -> before == null ? Map.of() : null;
            case ImportRule.REMOVED -> after == null ? Map.of() : null;
            default -> {
                if (before == null || after == null) yield null;
                JsonNode b = before.path(rule.field());
                JsonNode a = after.path(rule.field());
                if (b.equals(a)) yield null;
                if (rule.to() != null && !(a.isValueNode() && rule.to().equals(a.asText()))) yield null;
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("field", rule.field());
                change.put("before", b.isMissingNode() ? null : b);
                change.put("after", a.isMissingNode() ? null : a);
                yield change;
            }
        };
    }
}
