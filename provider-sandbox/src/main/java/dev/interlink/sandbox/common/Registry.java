package dev.interlink.sandbox.common;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * All accounts of one running sandbox, indexed the ways the providers look them up. Each provider names its own
 * unique indexes (e.g. "api key of provider X", "agency slug"); the registry knows no provider.
 */
public final class Registry {
    private final ConcurrentHashMap<String, Account> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Account>> indexes = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    public final WebhookSender webhooks = new WebhookSender();
    /** Expiry decisions use this clock; tests move it forward through the control API. */
    public final SandboxClock clock = new SandboxClock();
    /** "http://127.0.0.1:8090" — set once the connector is bound. */
    public volatile String origin = "http://127.0.0.1:0";

    /** One unique index entry of an account: {@code index} names the index, {@code conflict} is the 409 text. */
    public record Key(String index, String key, String conflict) {}

    public String nextAccountId(String provider) {
        return provider + "-" + seq.incrementAndGet();
    }

    /** Registers an account under its id and every given unique key; 409 when a key is taken (nothing is added). */
    public synchronized void add(Account a, Key... keys) {
        for (Key k : keys) {
            Map<String, Account> idx = indexes.get(k.index());
            if (idx != null && idx.containsKey(k.key())) throw new ApiException(409, k.conflict());
        }
        byId.put(a.accountId, a);
        for (Key k : keys)
            indexes.computeIfAbsent(k.index(), x -> new ConcurrentHashMap<>()).put(k.key(), a);
    }

    public Account byId(String id) {
        Account a = byId.get(id);
        if (a == null) throw new ApiException(404, "Unknown account " + id);
        return a;
    }

    /** The account registered under {@code key} in {@code index}, or null. */
    public Account lookup(String index, String key) {
        if (key == null) return null;
        Map<String, Account> idx = indexes.get(index);
        return idx == null ? null : idx.get(key);
    }

    public Collection<Account> all() {
        return byId.values();
    }
}
