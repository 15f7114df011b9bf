package dev.interlink.sandbox.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One simulated tenant (a CATS site or a Loxo agency): keys, seeded data, limits, faults and counters. */
public abstract class Account {
    public final String accountId;
    public final String provider;
    public final String apiKey;
    public final long seed;
    public final int size;
    public final Counters counters = new Counters();
    public volatile RateLimiter limiter;
    public volatile Fault fault;
    /**
     * Switches for behaviour the notes mark as unknown ([INF]); see README "Quirks". Unknown keys are rejected by
     * the control API.
     */
    public final java.util.concurrent.ConcurrentHashMap<String, Object> quirks =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Whole serialized list pages, keyed by path+query+data version (the hot path for benchmarks). */
    private final ConcurrentHashMap<String, byte[]> pageCache = new ConcurrentHashMap<>();

    protected Account(String accountId, String provider, String apiKey, long seed, int size) {
        this.accountId = accountId;
        this.provider = provider;
        this.apiKey = apiKey;
        this.seed = seed;
        this.size = size;
    }

    public abstract RateLimiter defaultLimiter();

    /** Quirk names and their defaults for this provider. */
    public abstract Map<String, Object> defaultQuirks();

    public Object quirk(String name) {
        Object v = quirks.get(name);
        return v != null ? v : defaultQuirks().get(name);
    }

    public Map<String, Object> effectiveQuirks() {
        Map<String, Object> m = new LinkedHashMap<>(defaultQuirks());
        m.putAll(quirks);
        return m;
    }

    /** Drops every change and regenerates the seeded data from (seed, size). */
    public abstract void reseed();

    /** Bytes held by the page cache are capped so big accounts stay within a small heap. */
    static final long CACHE_BYTES = 8L * 1024 * 1024;

    private final java.util.concurrent.atomic.AtomicLong cacheBytes = new java.util.concurrent.atomic.AtomicLong();

    public byte[] cached(String key, java.util.function.Supplier<byte[]> compute) {
        byte[] b = pageCache.get(key);
        if (b != null) return b;
        b = compute.get();
        if (cacheBytes.addAndGet(b.length) > CACHE_BYTES) clearCache();
        else pageCache.put(key, b);
        return b;
    }

    protected void clearCache() {
        pageCache.clear();
        cacheBytes.set(0);
    }

    public Map<String, Object> describe(String baseUrl) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account_id", accountId);
        m.put("provider", provider);
        m.put("api_key", apiKey);
        m.put("base_url", baseUrl);
        m.put("seed", seed);
        m.put("candidates", size);
        return m;
    }
}
