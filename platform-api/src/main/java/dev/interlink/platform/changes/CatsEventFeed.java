package dev.interlink.platform.changes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.Tolerant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CATS's change feed, {@code GET /events?starting_after_id=N} (docs/providers/cats.md): events in id order, no
 * {@code total} and no {@code next} link, so a page shorter than {@code per_page} is the end for now. The feed says
 * which records changed; the poller fetches those instead of listing everything.
 */
final class CatsEventFeed {
    static final int PER_PAGE = 100;
    static final String START = "0";

    private CatsEventFeed() {}

    /** A record the feed says changed. */
    record Touched(AtsResource resource, String remoteId) {}

    /** One page: the records it touched (deletions left out, each once), the cursor after it, whether more follow. */
    record Batch(Set<Touched> touched, String cursor, boolean more) {}

    static Batch after(ConnectorContext ctx, String cursor) {
        JsonNode page =
                ctx.getJson("/events", Map.of("starting_after_id", cursor, "per_page", String.valueOf(PER_PAGE)));
        List<JsonNode> events = Tolerant.items(page, "events");
        Set<Touched> touched = new LinkedHashSet<>();
        String last = cursor;
        for (JsonNode e : events) {
            String id = Tolerant.id(e, "id");
            if (id != null) last = id;
            String type = Tolerant.text(e, "event");
            if (type == null || type.endsWith(".deleted")) continue;
            String prefix = type.substring(0, Math.max(0, type.indexOf('.')));
            AtsResource resource = InboundDeliveries.CATS_RESOURCES.get(prefix);
            String remote = resource == null ? null : Tolerant.id(e, prefix + "_id");
            if (remote != null) touched.add(new Touched(resource, remote));
        }
        return new Batch(touched, last, events.size() >= PER_PAGE);
    }
}
