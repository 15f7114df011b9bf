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
 * JWK), so registering a new key invalidates what the old one verified. Bounded: when full it is emptied,
 * which only costs re-verification.
 */
final class VerifiedTokens {
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(JWTClaimsSet claims, String keyId) {}

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
            entries.remove(token);
            return Optional.empty();
        }
        return Optional.of(entry.claims());
    }

    void put(String token, String keyId, JWTClaimsSet claims) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(token, new Entry(claims, keyId));
    }
}
