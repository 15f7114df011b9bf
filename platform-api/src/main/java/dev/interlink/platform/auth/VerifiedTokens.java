package dev.interlink.platform.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose signature we already checked. An ES256 verification costs about a millisecond of CPU on
 * Java 17, the largest single cost of an API call, and a tenant backend sends the same token for 15
 * minutes. Only the signature and claim checks are remembered: the client, admin and tenant are still
 * looked up on every request, so revocation and deletion keep taking effect at once.
 *
 * <p>An entry is bound to the key that verified it ({@code keyId}: our key set, or the tenant's registered
 * JWK), so registering a new key invalidates what the old one verified. Bounded by bytes, not only entries: each
 * entry is weighed by its token (a tenant-signed JWT can be up to ~8 KB) plus a fixed allowance for its claims, and
 * when the total would pass {@link #MAX_BYTES} (or {@link #MAX_ENTRIES}) the cache is emptied, which only costs
 * re-verification.
 */
final class VerifiedTokens {
    static final int MAX_ENTRIES = 10_000;
    /** 8 MiB of tokens and claims per replica. */
    static final long MAX_BYTES = 8L * 1024 * 1024;
    /** Per entry besides the token's characters: the map node, the claims set and the key id. */
    static final int ENTRY_OVERHEAD = 1024;

    private record Entry(JWTClaimsSet claims, String keyId, long weight) {}

    private final java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration clockSkew;

    VerifiedTokens(Duration clockSkew) {
        this.clockSkew = clockSkew;
    }

    Optional<JWTClaimsSet> get(String token, String keyId, Instant now) {
        Entry entry = entries.get(token);
        if (entry == null || !entry.keyId().equals(keyId)) {
            return Optional.empty();
        }
        if (entry.claims().getExpirationTime().toInstant().plus(clockSkew).isBefore(now)) {
            if (entries.remove(token, entry)) bytes.addAndGet(-entry.weight());
            return Optional.empty();
        }
        return Optional.of(entry.claims());
    }

    void put(String token, String keyId, JWTClaimsSet claims) {
        long weight = weigh(token, keyId);
        if (weight > MAX_BYTES / 16) {
            return; // one token this large is not worth a sixteenth of the cache: verify it each time
        }
        if (entries.size() >= MAX_ENTRIES || bytes.get() + weight > MAX_BYTES) {
            entries.clear();
            bytes.set(0);
        }
        Entry previous = entries.put(token, new Entry(claims, keyId, weight));
        bytes.addAndGet(weight - (previous == null ? 0 : previous.weight()));
    }

    /** Strings count two bytes a character (the worst case of Java's string layout). */
    static long weigh(String token, String keyId) {
        return 2L * token.length() + 2L * keyId.length() + ENTRY_OVERHEAD;
    }

    /** The bytes the cache holds by its own weighing (tests). */
    long weightedBytes() {
        return bytes.get();
    }

    int size() {
        return entries.size();
    }
}
