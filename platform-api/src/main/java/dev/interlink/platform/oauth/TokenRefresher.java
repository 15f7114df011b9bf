package dev.interlink.platform.oauth;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.observability.InterlinkMetrics;
import dev.interlink.platform.provider.auth.AuthScheme.Rejections;
import dev.interlink.platform.provider.catalog.ProviderDefinition;
import dev.interlink.platform.vault.SecretRef;
import dev.interlink.platform.vault.Vault;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes an account's access token exactly once however many callers and replicas need it at the same time.
 *
 * <ol>
 *   <li>In this process, one refresh per account runs; every other caller waits for its result.
 *   <li>Across replicas, the refresh takes the account's lease in PostgreSQL ({@link TokenStateStore}), held only for
 *       the token call. The token call's hard timeout is shorter than the lease, so a lease never expires under a
 *       live call; a replica killed while holding it blocks the account for one lease budget at most.
 *   <li>After taking the lease, the stored pair is read again: if another replica refreshed meanwhile, that pair is
 *       used and the token endpoint is not called (with rotating refresh tokens, a second call with the old refresh
 *       token would be a reuse, and the provider would revoke the whole family).
 *   <li>The new pair is saved in one transaction with a version bump that names the version it came from, so an
 *       older pair can never overwrite a newer one.
 * </ol>
 *
 * Failures: {@code invalid_grant} marks the account needs_reauth (through the caller's {@link Rejections}); anything else (429, 5xx, timeouts) leaves it
 * active and answers {@code INTEGRATION.TOKEN_REFRESH_UNAVAILABLE} (503) with {@code Retry-After}.
 */
@Singleton
public class TokenRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(TokenRefresher.class);
    private static final Duration POLL = Duration.ofMillis(25);

    private final TokenStateStore state;
    private final TokenEndpoint endpoint;
    private final OAuthApps apps;
    private final Vault vault;
    private final Clock clock;
    private final Duration lease;
    private final InterlinkMetrics metrics;
    private final String owner = "replica-" + UUID.randomUUID();
    private final Map<UUID, CompletableFuture<TokenSet>> inFlight = new ConcurrentHashMap<>();

    public TokenRefresher(
            TokenStateStore state,
            TokenEndpoint endpoint,
            OAuthApps apps,
            Vault vault,
            Clock clock,
            @Value("${interlink.oauth.refresh-lease:10s}") Duration lease,
            InterlinkMetrics metrics) {
        this.metrics = metrics;
        if (lease.compareTo(endpoint.timeout().multipliedBy(2)) < 0) {
            throw new IllegalStateException("interlink.oauth.refresh-lease must be at least twice the token timeout");
        }
        this.state = state;
        this.endpoint = endpoint;
        this.apps = apps;
        this.vault = vault;
        this.clock = clock;
        this.lease = lease;
    }

    /**
     * A pair newer than {@code seen}: refreshed here, or by whoever refreshed since {@code seen} was read. With
     * {@code force} (the provider rejected {@code seen}) a stored pair equal to {@code seen} does not count.
     */
    public TokenSet refresh(
            UUID tenantId, UUID accountId, ProviderDefinition provider, TokenSet seen, Rejections onRejected) {
        return refresh(tenantId, accountId, provider, seen, onRejected, null);
    }

    /**
     * A background refresh of an idle account: like {@link #refresh}, but it calls the token endpoint only if, under
     * the lease, the pair was still not refreshed since {@code idleSince} (a sweeper on another replica may have been
     * first). Answers the stored pair otherwise.
     */
    public TokenSet refreshIfIdle(
            UUID tenantId,
            UUID accountId,
            ProviderDefinition provider,
            TokenSet seen,
            Rejections onRejected,
            Instant idleSince) {
        return refresh(tenantId, accountId, provider, seen, onRejected, idleSince);
    }

    private TokenSet refresh(
            UUID tenantId,
            UUID accountId,
            ProviderDefinition provider,
            TokenSet seen,
            Rejections onRejected,
            Instant idleSince) {
        CompletableFuture<TokenSet> mine = new CompletableFuture<>();
        CompletableFuture<TokenSet> running = inFlight.putIfAbsent(accountId, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            TokenSet fresh = refreshAcrossReplicas(tenantId, accountId, provider, seen, onRejected, idleSince);
            mine.complete(fresh);
            return fresh;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(accountId, mine);
        }
    }

    private TokenSet refreshAcrossReplicas(
            UUID tenantId,
            UUID accountId,
            ProviderDefinition provider,
            TokenSet seen,
            Rejections onRejected,
            Instant idleSince) {
        Instant deadline = clock.instant().plus(lease).plus(endpoint.timeout());
        while (true) {
            state.version(tenantId, accountId);
            TokenSet stored = stored(tenantId, accountId);
            if (newer(stored, seen, provider)) {
                return stored;
            }
            Instant now = clock.instant();
            if (state.tryLease(accountId, owner, now, now.plus(lease))) {
                try {
                    return refreshUnderLease(tenantId, accountId, provider, seen, onRejected, idleSince);
                } finally {
                    state.release(accountId, owner);
                }
            }
            if (clock.instant().isAfter(deadline)) {
                throw unavailable(
                        provider, "another refresh of this account is taking too long", Duration.ofSeconds(1));
            }
            sleep();
        }
    }

    private TokenSet refreshUnderLease(
            UUID tenantId,
            UUID accountId,
            ProviderDefinition provider,
            TokenSet seen,
            Rejections onRejected,
            Instant idleSince) {
        long version = state.version(tenantId, accountId);
        TokenSet stored = stored(tenantId, accountId);
        if (newer(stored, seen, provider)) {
            return stored; // refreshed by another replica between our look and our lease
        }
        Instant refreshedAt = state.refreshedAt(accountId);
        if (idleSince != null && refreshedAt != null && !refreshedAt.isBefore(idleSince)) {
            return stored; // another sweeper refreshed it meanwhile
        }
        if (stored.refreshToken() == null) {
            throw reauth(onRejected, provider, "no refresh token is stored");
        }
        OAuthClient client = apps.client(tenantId, provider.id())
                .orElseThrow(() -> unavailable(provider, "no OAuth app is configured for " + provider.id(), null));
        TokenEndpoint.Outcome outcome = endpoint.refresh(provider.oauth2(), client, stored.refreshToken());
        metrics.tokenRefresh(provider.id(), outcome.getClass().getSimpleName().toLowerCase(Locale.ROOT));
        if (outcome instanceof TokenEndpoint.Issued issued) {
            TokenSet next = issued.tokens().refreshToken() != null
                    ? issued.tokens()
                    : new TokenSet(
                            issued.tokens().accessToken(),
                            stored.refreshToken(),
                            issued.tokens().expiresAt());
            if (!state.save(tenantId, accountId, version, next, clock.instant())) {
                LOG.warn("Refreshed tokens of account {} not saved: a newer pair exists", accountId);
                return stored(tenantId, accountId);
            }
            LOG.info("Refreshed the access token of account {} (version {})", accountId, version + 1);
            return next;
        }
        if (outcome instanceof TokenEndpoint.Rejected rejected) {
            throw reauth(onRejected, provider, "the refresh token was rejected (" + rejected.error() + ")");
        }
        TokenEndpoint.Unavailable down = (TokenEndpoint.Unavailable) outcome;
        LOG.info("Refresh of account {} failed for now: {}", accountId, down.why());
        throw unavailable(provider, down.why(), down.retryAfter() == null ? Duration.ofSeconds(5) : down.retryAfter());
    }

    private TokenSet stored(UUID tenantId, UUID accountId) {
        return vault.load(SecretRef.credentials(tenantId, accountId))
                .map(TokenSet::of)
                .orElseThrow(() ->
                        ApiProblem.of(ErrorCode.INTEGRATION_REAUTH_REQUIRED, "No tokens are stored for this account"));
    }

    /** Another caller's result: a different access token that is not itself about to expire. */
    private boolean newer(TokenSet stored, TokenSet seen, ProviderDefinition provider) {
        return !stored.accessToken().equals(seen.accessToken())
                && !stored.expiresWithin(provider.oauth2().expiryMargin(), clock.instant());
    }

    private static ApiProblem reauth(Rejections onRejected, ProviderDefinition provider, String why) {
        onRejected.needsReauth(provider.displayName() + ": " + why);
        return ApiProblem.of(
                        ErrorCode.INTEGRATION_REAUTH_REQUIRED,
                        provider.displayName() + " no longer accepts this account's authorization; re-link the account")
                .with("retryable", false);
    }

    private static ApiProblem unavailable(ProviderDefinition provider, String why, Duration retryAfter) {
        ApiProblem p = ApiProblem.of(
                        ErrorCode.INTEGRATION_TOKEN_REFRESH_UNAVAILABLE,
                        "The access token of this " + provider.displayName() + " account could not be refreshed: "
                                + why)
                .with("retryable", true);
        if (retryAfter != null) {
            p.header("Retry-After", String.valueOf(Math.max(1, retryAfter.toSeconds())));
        }
        return p;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a token refresh", e);
        }
    }
}
