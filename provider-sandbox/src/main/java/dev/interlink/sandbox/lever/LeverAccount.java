package dev.interlink.sandbox.lever;

import dev.interlink.sandbox.common.Account;
import dev.interlink.sandbox.common.RateLimiter;
import dev.interlink.sandbox.common.Registry;
import dev.interlink.sandbox.common.RollingWindowLimiter;
import dev.interlink.sandbox.common.TokenBucketLimiter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One Lever customer account: its API key, its registered OAuth client with the token state, its seeded data and
 * the changes made to it (files, notes, created contacts, webhooks).
 */
final class LeverAccount extends Account {
    final Registry registry;
    volatile LeverData data;

    // ---- OAuth ----
    final String clientId;
    final String clientSecret;
    final List<String> redirectUris;
    final LeverOAuth.Settings settings = new LeverOAuth.Settings();
    /** Pending consent screens by transaction id. */
    final ConcurrentHashMap<String, LeverOAuth.Pending> pending = new ConcurrentHashMap<>();
    /** Unused authorization codes. */
    final ConcurrentHashMap<String, LeverOAuth.Code> codes = new ConcurrentHashMap<>();
    /** Every refresh token ever issued (rotated ones stay so reuse can be detected). */
    final ConcurrentHashMap<String, LeverOAuth.RefreshToken> refreshTokens = new ConcurrentHashMap<>();
    /** Access tokens carry the generation they were minted in; expiring or revoking bumps it. */
    final AtomicLong tokenGeneration = new AtomicLong();

    final LongAdder grantsAuthorizationCode = new LongAdder();
    final LongAdder grantsRefreshToken = new LongAdder();
    final LongAdder invalidGrant = new LongAdder();

    // ---- data changes ----
    /** opportunity id → uploaded files (metadata), file id → bytes. */
    final ConcurrentHashMap<String, List<Map<String, Object>>> files = new ConcurrentHashMap<>();

    final ConcurrentHashMap<String, byte[]> fileBytes = new ConcurrentHashMap<>();
    /** opportunity id → resumes created with the opportunity (seeded resumes are generated). */
    final ConcurrentHashMap<String, List<Map<String, Object>>> resumes = new ConcurrentHashMap<>();

    final ConcurrentHashMap<String, List<Map<String, Object>>> notes = new ConcurrentHashMap<>();
    /** contacts created through POST /opportunities, by id; email (lower case) → contact id. */
    final ConcurrentHashMap<String, Map<String, Object>> contacts = new ConcurrentHashMap<>();

    final ConcurrentHashMap<String, String> contactByEmail = new ConcurrentHashMap<>();
    /** webhook id → {id, url, event, configuration{conditions, signatureToken}, createdAt} */
    final ConcurrentHashMap<String, Map<String, Object>> webhooks = new ConcurrentHashMap<>();
    /** Newest last, bounded. */
    final CopyOnWriteArrayList<Map<String, Object>> deliveries = new CopyOnWriteArrayList<>();

    LeverAccount(
            String accountId,
            String apiKey,
            long seed,
            int size,
            Registry registry,
            String clientId,
            String clientSecret,
            List<String> redirectUris) {
        super(accountId, LeverProvider.ID, apiKey, seed, size);
        this.registry = registry;
        this.data = new LeverData(seed, size);
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.redirectUris = List.copyOf(redirectUris);
        this.limiter = defaultLimiter();
    }

    /** "10 requests/second per API key", bursts up to 20 (docs/providers/lever.md "Rate limits"). */
    @Override
    public RateLimiter defaultLimiter() {
        return new TokenBucketLimiter(10, 20);
    }

    /**
     * retry_after: "off" (default; no rate headers are documented) or "on" (429 carries Retry-After);
     * limit_over_100: "clamp" (default) or "400" (behaviour above 100 is not documented); webhook_retry_base_ms:
     * first retry delay of a failed webhook delivery (doubling, five retries).
     */
    @Override
    public Map<String, Object> defaultQuirks() {
        return Map.of("retry_after", "off", "limit_over_100", "clamp", "webhook_retry_base_ms", 1000);
    }

    /** Drops every data change; the OAuth client, its tokens and its settings stay. */
    @Override
    public void reseed() {
        this.data = new LeverData(seed, size);
        files.clear();
        fileBytes.clear();
        resumes.clear();
        notes.clear();
        contacts.clear();
        contactByEmail.clear();
        webhooks.clear();
        deliveries.clear();
        clearCache();
    }

    private volatile RateLimiter template;
    private final ConcurrentHashMap<String, RateLimiter> byCredential = new ConcurrentHashMap<>();

    /**
     * The token bucket of one credential: the OAuth app uses the account's {@code limiter} (what the control API's
     * {@code /limits} shows and sets), other credentials (the API key) get their own bucket with the same numbers.
     * Changing the account's limits starts every bucket afresh.
     */
    RateLimiter limiterFor(String credential) {
        RateLimiter t = limiter;
        if (t != template) {
            synchronized (byCredential) {
                if (t != template) {
                    byCredential.clear();
                    template = t;
                }
            }
        }
        if (credential.equals("oauth")) return t;
        return byCredential.computeIfAbsent(credential, k -> copyOf(t));
    }

    private static RateLimiter copyOf(RateLimiter t) {
        Map<String, Object> d = t.describe();
        if (d.containsKey("requests"))
            return new RollingWindowLimiter(
                    ((Number) d.get("requests")).intValue(), ((Number) d.get("per_seconds")).longValue());
        return new TokenBucketLimiter(
                ((Number) d.get("rate_per_second")).doubleValue(), ((Number) d.get("burst")).intValue());
    }

    long now() {
        return registry.clock.millis();
    }
}
