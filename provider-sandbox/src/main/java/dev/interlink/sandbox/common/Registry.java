package dev.interlink.sandbox.common;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** All accounts of one running sandbox, indexed the ways the providers look them up. */
public final class Registry {
    private final ConcurrentHashMap<String, Account> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Account> catsByKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Account> loxoBySlug = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    public final WebhookSender webhooks = new WebhookSender();
    /** "http://127.0.0.1:8090" — set once the connector is bound. */
    public volatile String origin = "http://127.0.0.1:0";

    public String nextAccountId(String provider) {
        return provider + "-" + seq.incrementAndGet();
    }

    public synchronized void addCats(Account a) {
        if (catsByKey.containsKey(a.apiKey)) throw new ApiException(409, "api_key already in use");
        byId.put(a.accountId, a);
        catsByKey.put(a.apiKey, a);
    }

    public synchronized void addLoxo(Account a, String slug) {
        if (loxoBySlug.containsKey(slug)) throw new ApiException(409, "agency_slug already in use");
        byId.put(a.accountId, a);
        loxoBySlug.put(slug, a);
    }

    public Account byId(String id) {
        Account a = byId.get(id);
        if (a == null) throw new ApiException(404, "Unknown account " + id);
        return a;
    }

    public Account catsByKey(String key) {
        return key == null ? null : catsByKey.get(key);
    }

    public Account loxoBySlug(String slug) {
        return loxoBySlug.get(slug);
    }

    public Collection<Account> all() {
        return byId.values();
    }
}
