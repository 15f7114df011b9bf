package dev.interlink.platform.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Short-lived cache of small reference lists per account (workflow statuses, job statuses, stages), so mapping a page
 * of applications does not cost extra provider calls each time (CATS allows ~500 calls per hour). Keyed by account and
 * base URL, so accounts never share entries; bounded; entries expire after {@code ttl}.
 */
public final class ReferenceCache {
    private record Entry(long expiresAt, JsonNode value) {}

    private static final int MAX_ENTRIES = 10_000;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;

    public ReferenceCache(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    public JsonNode get(ConnectorContext ctx, String path, Supplier<JsonNode> load) {
        String key = ctx.accountId() + "|" + ctx.baseUrl() + "|" + path;
        long now = System.nanoTime();
        Entry e = entries.get(key);
        if (e != null && e.expiresAt() - now > 0) {
            return e.value();
        }
        JsonNode value = load.get();
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry(now + ttlNanos, value));
        return value;
    }
}
