package dev.interlink.platform.provider.cats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.Tolerant;
import dev.interlink.platform.provider.changesource.ChangeFeed;
import dev.interlink.platform.provider.changesource.ChangeHint;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CATS's change feed, {@code GET /events?starting_after_id=N} (docs/providers/cats.md): events in id order, no
 * {@code total} and no {@code next} link, so a page shorter than {@code per_page} is the end for now. The feed says
 * which records changed; the poller fetches those instead of listing everything. It has no attachment events, so
 * the poller's periodic full listing stays the safety net. A position {@code t<unix seconds>} ({@link #since}) asks
 * {@code starting_after_timestamp} instead; every position after that page is an event id again.
 */
@Singleton
public class CatsEventFeed implements ChangeFeed {
    static final int PER_PAGE = 100;
    private static final String TIME = "t";

    @Override
    public String provider() {
        return CatsConnector.ID;
    }

    @Override
    public Set<AtsResource> covers() {
        return Set.copyOf(CatsEvents.RESOURCES.values());
    }

    @Override
    public String start() {
        return "0";
    }

    @Override
    public String since(Instant time) {
        return TIME + time.getEpochSecond();
    }

    @Override
    public Batch after(ConnectorContext ctx, String cursor) {
        Map<String, String> query = new LinkedHashMap<>();
        if (cursor.startsWith(TIME)) query.put("starting_after_timestamp", cursor.substring(TIME.length()));
        else query.put("starting_after_id", cursor);
        query.put("per_page", String.valueOf(PER_PAGE));
        JsonNode page = ctx.getJson("/events", query);
        List<JsonNode> events = Tolerant.items(page, "events");
        Set<ChangeHint> touched = new LinkedHashSet<>();
        Set<ChangeHint> deleted = new LinkedHashSet<>();
        String last = cursor;
        for (JsonNode e : events) {
            String id = Tolerant.id(e, "id");
            if (id != null) last = id;
            // a feed hint carries no stage-move claim: the record is compared like a listed one
            ChangeHint h = CatsEvents.hint(e, null);
            if (h != null) touched.add(ChangeHint.of(h.resource(), h.remoteId()));
            ChangeHint gone = CatsEvents.deletion(e);
            if (gone != null) deleted.add(gone);
        }
        return new Batch(touched, deleted, last, events.size() >= PER_PAGE);
    }
}
