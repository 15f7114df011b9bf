package dev.interlink.platform.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlink.platform.common.Ids;
import dev.interlink.platform.provider.AtsResource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the engine compares of one unified record: a hash of its canonical JSON (keys sorted at every level) without
 * the volatile fields, and one short hash per top-level field so a change can name the fields that changed. The
 * unified JSON is the compared form (not the provider's), so a change the unified model does not show is no change,
 * and the same record read by a poll, a webhook or our own write fingerprints the same.
 */
record Fingerprint(String hash, Map<String, String> fields) {
    /**
     * Never compared: {@code remote_data} (raw, not unified), {@code remote_updated_at} (moves on every touch,
     * including changes the unified model does not carry), {@code download_url} (our own route, decorated
     * differently per caller), and the reference lists whose changes are events of their own (an application or
     * attachment added to a candidate is {@code ats.application.created} / {@code ats.attachment.created}).
     */
    static final Set<String> VOLATILE = Set.of("remote_data", "remote_updated_at", "download_url");

    static final Map<AtsResource, Set<String>> OWN_EVENTS = Map.of(
            AtsResource.CANDIDATES, Set.of("applications", "attachments"),
            // a stage move is ats.application.stage_changed; the outcome status follows the stage
            AtsResource.APPLICATIONS, Set.of("current_stage", "status", "status_raw"));

    static Fingerprint of(AtsResource resource, JsonNode record) {
        return of(resource, record, Set.of());
    }

    /**
     * @param getOnly fields the provider fills on a get only ({@code ResourceOps.getOnlyFields}): not compared, or
     *     every full scan (a list) after a feed hint (a get) would announce them as changed
     */
    static Fingerprint of(AtsResource resource, JsonNode record, Set<String> getOnly) {
        Set<String> skip = new java.util.HashSet<>(OWN_EVENTS.getOrDefault(resource, Set.of()));
        skip.addAll(getOnly);
        Map<String, String> fields = new TreeMap<>();
        ObjectNode kept = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (VOLATILE.contains(e.getKey()) || skip.contains(e.getKey())) continue;
            JsonNode canonical = canonical(e.getValue());
            kept.set(e.getKey(), canonical);
            fields.put(e.getKey(), Ids.sha256Hex(canonical.toString()).substring(0, 16));
        }
        return new Fingerprint(Ids.sha256Hex(canonical(kept).toString()), fields);
    }

    /** The top-level fields whose hash differs (added and removed fields included), sorted. */
    List<String> changedFrom(Map<String, String> before) {
        Set<String> names = new java.util.TreeSet<>(fields.keySet());
        names.addAll(before.keySet());
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (!java.util.Objects.equals(fields.get(n), before.get(n))) out.add(n);
        }
        return out;
    }

    static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(canonical(n)));
            return out;
        }
        return node;
    }
}
