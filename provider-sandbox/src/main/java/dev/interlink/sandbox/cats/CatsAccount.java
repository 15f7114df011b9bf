package dev.interlink.sandbox.cats;

import dev.interlink.sandbox.common.Account;
import dev.interlink.sandbox.common.EntityStore;
import dev.interlink.sandbox.common.RateLimiter;
import dev.interlink.sandbox.common.Registry;
import dev.interlink.sandbox.common.RollingWindowLimiter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** One CATS site: its key, seeded stores and the in-memory extras (webhooks, events, tags). */
public final class CatsAccount extends Account {
    public static final int SITE_ID_BASE = 91500;
    final Registry registry;
    volatile CatsData data;
    /** /webhooks: id → {id, events, target_url, secret} */
    final ConcurrentHashMap<Long, Map<String, Object>> webhooks = new ConcurrentHashMap<>();
    /** /events feed, newest last; bounded. */
    final List<Map<String, Object>> events = new ArrayList<>();

    /** work-history row id → candidate id (rows live inside the candidate record). */
    final ConcurrentHashMap<Long, Long> workHistoryOwner = new ConcurrentHashMap<>();
    /** /candidates/lists and their item rows. */
    final ConcurrentHashMap<Long, Map<String, Object>> lists = new ConcurrentHashMap<>();

    final ConcurrentHashMap<Long, List<Map<String, Object>>> listItems = new ConcurrentHashMap<>();
    /** /tasks */
    final ConcurrentHashMap<Long, Map<String, Object>> tasks = new ConcurrentHashMap<>();

    final AtomicLong seq = new AtomicLong(900_000_000L); // ids for sub-rows (emails, phones, webhooks, events)

    public CatsAccount(String accountId, String apiKey, long seed, int size, Registry registry) {
        super(accountId, "cats", apiKey, seed, size);
        this.registry = registry;
        this.data = new CatsData(seed, size);
        this.limiter = defaultLimiter();
    }

    @Override
    public RateLimiter defaultLimiter() {
        // "500 requests / hour, rolling window, per account" (docs/providers/cats.md §3)
        return new RollingWindowLimiter(500, 3600);
    }

    /**
     * per_page above 100: "clamp" (default, [INF] §2) or "400"; create_status for sub-resource creates is fixed 201.
     */
    @Override
    public Map<String, Object> defaultQuirks() {
        return Map.of("per_page_over_100", "clamp");
    }

    @Override
    public void reseed() {
        this.data = new CatsData(seed, size);
        webhooks.clear();
        workHistoryOwner.clear();
        lists.clear();
        listItems.clear();
        tasks.clear();
        synchronized (events) {
            events.clear();
        }
        clearCache();
    }

    EntityStore candidates() {
        return data.candidates;
    }

    long nextId() {
        return seq.incrementAndGet();
    }
}
