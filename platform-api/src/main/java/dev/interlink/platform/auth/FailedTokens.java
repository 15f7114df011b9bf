package dev.interlink.platform.auth;

import dev.interlink.platform.common.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens that failed their check a moment ago, refused again without parsing, signature work or a database
 * lookup. A client stuck in a retry loop with a bad or revoked token, or a flood replaying one, would otherwise cost
 * an ES256 verification and a client lookup per request.
 *
 * <p>Keyed by the token's SHA-256 (32 bytes, whatever the token's size), kept {@link #TTL}, and emptied when full
 * ({@link #MAX_ENTRIES}), which costs only re-checking. Only defects of the token itself are kept (unparseable, a
 * bad signature, failed claims: {@link JwtVerifier} decides); a database outage or a lookup that finds no live
 * client never lands here, so nothing transient is held against a token. A forged or expired token cannot heal, so
 * honest callers lose nothing. Tokens from distinct forgeries are not helped by this cache; the inbound limits and the cheap parse are.
 */
final class FailedTokens {
    static final Duration TTL = Duration.ofSeconds(30);
    static final int MAX_ENTRIES = 50_000;

    private final Map<String, Instant> refusedUntil = new ConcurrentHashMap<>();

    boolean recentlyRefused(String token, Instant now) {
        String key = Ids.sha256Hex(token);
        Instant until = refusedUntil.get(key);
        if (until == null) {
            return false;
        }
        if (until.isBefore(now)) {
            refusedUntil.remove(key, until);
            return false;
        }
        return true;
    }

    void refused(String token, Instant now) {
        if (refusedUntil.size() >= MAX_ENTRIES) {
            refusedUntil.clear();
        }
        refusedUntil.put(Ids.sha256Hex(token), now.plus(TTL));
    }

    int size() {
        return refusedUntil.size();
    }
}
