package dev.interlink.sandbox.loxo;

import dev.interlink.sandbox.common.Account;
import dev.interlink.sandbox.common.RateLimiter;
import dev.interlink.sandbox.common.Registry;
import dev.interlink.sandbox.common.TokenBucketLimiter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** One Loxo agency: slug, Bearer key, seeded data, webhooks. */
public final class LoxoAccount extends Account {
    public final String slug;
    final Registry registry;
    volatile LoxoData data;
    final ConcurrentHashMap<Long, Map<String, Object>> webhooks = new ConcurrentHashMap<>();
    final AtomicLong seq = new AtomicLong(1_900_000_000L);

    public LoxoAccount(String accountId, String apiKey, String slug, long seed, int size, Registry registry) {
        super(accountId, "loxo", apiKey, seed, size);
        this.slug = slug;
        this.registry = registry;
        this.data = new LoxoData(seed, size);
        this.limiter = defaultLimiter();
    }

    @Override
    public RateLimiter defaultLimiter() {
        // no published numbers; token bucket 4 req/s, burst 10 (docs/providers/loxo.md §3 [INF])
        return new TokenBucketLimiter(4, 10);
    }

    /**
     * create_status: 200 (default) or 201 — both seen in client fixtures (§7 [INF]); unknown_person_event: "null"
     * (200 + null body, [LIVE] §6.2) or "404"; auth_failure_status: 401 (default) or 403 (§1, body unknown).
     */
    @Override
    public Map<String, Object> defaultQuirks() {
        return Map.of("create_status", 200, "unknown_person_event", "null", "auth_failure_status", 401);
    }

    @Override
    public void reseed() {
        this.data = new LoxoData(seed, size);
        webhooks.clear();
        clearCache();
    }

    /** Status of a successful create: 200 or 201 (§7, configurable quirk). */
    int createStatus() {
        return ((Number) quirk("create_status")).intValue();
    }

    long nextId() {
        return seq.incrementAndGet();
    }
}
