package dev.interlink.platform.provider.cats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.Tolerant;
import dev.interlink.platform.provider.changesource.ChangeFeed;
import dev.interlink.platform.provider.changesource.ChangeHint;
import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CATS's change feed, {@code GET /events?starting_after_id=N} (docs/providers/cats.md): events in id order, no
 * {@code total} and no {@code next} link, so a page shorter than {@code per_page} is the end for now. The feed says
 * which records changed; the poller fetches those instead of listing everything. It has no attachment events, so
 * the poller's periodic full listing stays the safety net.
 */
@Singleton
public class CatsEventFeed implements ChangeFeed {
    static final int PER_PAGE = 100;

    @Override
    public String provider() {
        return CatsConnector.ID;
    }

    @Override
    public String start() {
        return "0";
    }

    @Override
    public Batch after(ConnectorContext ctx, String cursor) {
        JsonNode page =
                ctx.getJson("/events", Map.of("starting_after_id", cursor, "per_page", String.valueOf(PER_PAGE)));
        List<JsonNode> events = Tolerant.items(page, "events");
        Set<ChangeHint> touched = new LinkedHashSet<>();
        String last = cursor;
        for (JsonNode e : events) {
            String id = Tolerant.id(e, "id");
            if (id != null) last = id;
            // a feed hint carries no stage-move claim: the record is compared like a listed one
            ChangeHint h = CatsEvents.hint(e, null);
            if (h != null) touched.add(ChangeHint.of(h.resource(), h.remoteId()));
        }
        return new Batch(touched, last, events.size() >= PER_PAGE);
    }
}
