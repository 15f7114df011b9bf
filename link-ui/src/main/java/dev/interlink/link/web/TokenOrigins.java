package dev.interlink.link.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers, per link token (hashed, never the token itself), the origins its tenant allows, for a while after
 * the token stopped being valid. Why: once a token is consumed or expired, platform-api no longer tells us its
 * tenant's origins, and {@code frame-ancestors 'none'} would make the browser show a broken frame instead of
 * our friendly "this link has expired" page inside the tenant's modal. A replica that never saw the token while
 * valid falls back to {@code 'none'}, which is safe.
 */
public final class TokenOrigins {
    private static final TokenOrigins SHARED = new TokenOrigins(Clock.systemUTC(), 10_000, Duration.ofHours(1));

    private final Clock clock;
    private final int maxEntries;
    private final Duration grace;
    private final Map<String, Entry> entries;

    public TokenOrigins(Clock clock, int maxEntries, Duration grace) {
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.grace = grace;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > TokenOrigins.this.maxEntries;
            }
        };
    }

    public static TokenOrigins shared() {
        return SHARED;
    }

    public void remember(String token, List<String> origins, Instant tokenExpiresAt) {
        if (token == null || origins == null || origins.isEmpty()) {
            return;
        }
        Instant base = tokenExpiresAt == null ? clock.instant() : tokenExpiresAt;
        Instant until = base.plus(grace);
        synchronized (entries) {
            entries.put(hash(token), new Entry(List.copyOf(origins), until));
        }
    }

    public Optional<List<String>> recall(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String key = hash(token);
        synchronized (entries) {
            Entry entry = entries.get(key);
            if (entry == null) {
                return Optional.empty();
            }
            if (clock.instant().isAfter(entry.until())) {
                entries.remove(key);
                return Optional.empty();
            }
            return Optional.of(entry.origins());
        }
    }

    private static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Entry(List<String> origins, Instant until) {}
}
