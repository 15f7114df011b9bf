package dev.interlink.sandbox.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CATS: "500 requests / hour, rolling window, per account" (docs/providers/cats.md §3). Exact rolling window: a ring buffer
 * of the accepted requests' timestamps, so memory is bounded by the limit (capped at 1,000,000).
 */
public final class RollingWindowLimiter implements RateLimiter {
    public static final int MAX_LIMIT = 1_000_000;
    private final int limit;
    private final long windowMillis;
    private final long[] ring;
    private int head; // oldest
    private int size;

    public RollingWindowLimiter(int limit, long windowSeconds) {
        if (limit < 1 || limit > MAX_LIMIT) throw new ApiException(400, "requests must be 1.." + MAX_LIMIT);
        if (windowSeconds < 1) throw new ApiException(400, "per_seconds must be >= 1");
        this.limit = limit;
        this.windowMillis = windowSeconds * 1000;
        this.ring = new long[limit];
    }

    @Override
    public synchronized Decision acquire(long now) {
        while (size > 0 && ring[head] <= now - windowMillis) {
            head = (head + 1) % ring.length;
            size--;
        }
        if (size >= limit) {
            long retry = (ring[head] + windowMillis - now + 999) / 1000;
            return new Decision(false, limit, 0, Math.max(1, retry));
        }
        ring[(head + size) % ring.length] = now;
        size++;
        return new Decision(true, limit, limit - size, 0);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", limit);
        m.put("per_seconds", windowMillis / 1000);
        return m;
    }
}
