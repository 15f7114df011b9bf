package dev.interlink.platform.imports;

import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Feeds: a URL a spreadsheet can pull ({@code =IMPORTDATA(url)}, Excel "From Web") without our auth header, so the
 * URL's 256-bit random token is the credential. Only its SHA-256 is stored; it expires and can be revoked, and an
 * unknown, expired or revoked token answers the same 404 as a path that never existed.
 */
@Singleton
class FeedService {
    static final int MAX_FEEDS = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ImportService imports;
    private final ExtrasRepository extras;
    private final SnapshotRepository snapshots;
    private final Clock clock;

    FeedService(ImportService imports, ExtrasRepository extras, SnapshotRepository snapshots, Clock clock) {
        this.imports = imports;
        this.extras = extras;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    record Created(ImportFeed feed, String token) {}

    @Transactional
    Created create(UUID tenantId, String importId, @Nullable Map<String, Object> body) {
        ImportDefinition d = imports.get(tenantId, importId);
        Object days = body == null ? null : body.get("expires_in_days");
        if (body != null) {
            for (String k : body.keySet()) {
                if (!k.equals("expires_in_days")) throw ApiProblem.invalid("/" + k, "is not a field of a feed");
            }
        }
        int n = days == null ? 90 : days instanceof Integer i && i >= 1 && i <= 365 ? i : -1;
        if (n < 0)
            throw ApiProblem.invalid(List.of(new FieldError("/expires_in_days", "must be an integer from 1 to 365")));
        if (extras.feeds(tenantId, d.id()).size() >= MAX_FEEDS) {
            throw ApiProblem.of(
                    dev.interlink.model.error.ErrorCode.PLATFORM_LIMIT_REACHED,
                    "An import has at most " + MAX_FEEDS + " live feeds; revoke one first");
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = "feed_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ImportFeed feed = new ImportFeed(UUID.randomUUID(), tenantId, d.id(), now.plus(Duration.ofDays(n)), null, now);
        extras.insertFeed(feed, hash(token));
        return new Created(feed, token);
    }

    @Transactional
    List<ImportFeed> list(UUID tenantId, String importId) {
        return extras.feeds(tenantId, imports.get(tenantId, importId).id());
    }

    @Transactional
    void revoke(UUID tenantId, String importId, String feedId) {
        ImportDefinition d = imports.get(tenantId, importId);
        if (!extras.revokeFeed(tenantId, d.id(), ImportService.id(feedId, "Feed"), clock.instant())) {
            throw ImportService.notFound("Feed");
        }
    }

    /** The latest snapshot behind a live feed token, with its import; empty for anything else. */
    @Transactional
    Optional<Served> serve(String token) {
        if (token == null || !token.startsWith("feed_") || token.length() > 100) return Optional.empty();
        return extras.liveFeed(hash(token), clock.instant())
                .flatMap(f -> imports.getOptional(f.tenantId(), f.importId())
                        .flatMap(d -> snapshots.latest(d.id()).map(s -> new Served(d, s))));
    }

    record Served(ImportDefinition definition, Snapshot snapshot) {}

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
