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
        // no published numbers; token bucket 4 req/s, burst 10 (loxo-api.md §3 [INF])
        return new TokenBucketLimiter(4, 10);
    }

    @Override
    public void reseed() {
        this.data = new LoxoData(seed, size);
        webhooks.clear();
        clearCache();
    }

    long nextId() {
        return seq.incrementAndGet();
    }
}
