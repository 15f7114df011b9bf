package dev.interlink.platform.provider.cats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.provider.Tolerant;
import dev.interlink.platform.provider.changesource.ChangeHint;
import java.util.Map;

/**
 * CATS event names, shared by its feed and its webhooks (docs/providers/cats.md): {@code <prefix>.<verb>} with the
 * record's id in {@code <prefix>_id}. A deletion is no hint (nothing is left to compare), but an incremental import
 * drops the record it names ({@link #deletion}).
 */
final class CatsEvents {
    /** Payload prefixes by the unified resource they change: pipelines are applications. */
    static final Map<String, AtsResource> RESOURCES =
            Map.of("pipeline", AtsResource.APPLICATIONS, "candidate", AtsResource.CANDIDATES, "job", AtsResource.JOBS);

    /** The pipeline move that tenants wait for. */
    static final String STAGE_MOVE = "pipeline.status_changed";

    private CatsEvents() {}

    /** The record an event names, or null (unknown prefix, deletion, no id). */
    static ChangeHint hint(JsonNode event, java.time.Instant changedAt) {
        String type = Tolerant.text(event, "event");
        if (type == null) return null;
        String[] parts = type.split("\\.", 2);
        if (parts.length != 2 || parts[1].equals("deleted")) return null;
        AtsResource resource = RESOURCES.get(parts[0]);
        String remote = resource == null ? null : Tolerant.id(event, parts[0] + "_id");
        if (remote == null || remote.isBlank()) return null;
        return new ChangeHint(resource, remote, STAGE_MOVE.equals(type), changedAt);
    }

    /** The record a deletion event names, or null (another event, unknown prefix, no id). */
    static ChangeHint deletion(JsonNode event) {
        String type = Tolerant.text(event, "event");
        if (type == null || !type.endsWith(".deleted")) return null;
        String prefix = type.substring(0, type.length() - ".deleted".length());
        AtsResource resource = RESOURCES.get(prefix);
        String remote = resource == null ? null : Tolerant.id(event, prefix + "_id");
        return remote == null || remote.isBlank() ? null : ChangeHint.of(resource, remote);
    }
}
