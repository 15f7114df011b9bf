package dev.interlink.platform.oauth;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.account.CredentialVerifier;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.Ids;
import dev.interlink.platform.linking.LinkService;
import dev.interlink.platform.linking.LinkToken;
import dev.interlink.platform.provider.catalog.AuthMode;
import dev.interlink.platform.provider.catalog.Catalog;
import dev.interlink.platform.provider.catalog.OAuth2Settings;
import dev.interlink.platform.provider.catalog.ProviderDefinition;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth 2.0 linking from the link UI (authorization code + PKCE S256).
 *
 * <ol>
 *   <li>{@link #start}: checks the link token (live, offers the provider, attempts left), the provider (OAuth 2.0)
 *       and the tenant's OAuth app; stores a single-use session (state as SHA-256, PKCE verifier, 10 minutes)
 *       and answers the provider's authorize URL.
 *   <li>{@link #callback}: takes the session once, exchanges the code, verifies the tokens with the provider, then
 *       consumes the link token and creates (or re-authorizes in place) the account in one transaction.
 * </ol>
 *
 * Every failure becomes an {@link Outcome} with a stable code; nothing is stored unless the whole chain succeeded.
 */
@Singleton
public class OAuthLinkService {
    private static final Logger LOG = LoggerFactory.getLogger(OAuthLinkService.class);
    static final Duration SESSION_TTL = Duration.ofMinutes(10);

    private final LinkService links;
    private final Catalog catalog;
    private final OAuthApps apps;
    private final OAuthLinkSessions sessions;
    private final TokenEndpoint endpoint;
    private final TokenStateStore tokenState;
    private final CredentialVerifier verifier;
    private final OAuthCallbackUrl callback;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    public OAuthLinkService(
            LinkService links,
            Catalog catalog,
            OAuthApps apps,
            OAuthLinkSessions sessions,
            TokenEndpoint endpoint,
            TokenStateStore tokenState,
            CredentialVerifier verifier,
            OAuthCallbackUrl callback,
            TransactionOperations<Connection> tx,
            Clock clock) {
        this.links = links;
        this.catalog = catalog;
        this.apps = apps;
        this.sessions = sessions;
        this.endpoint = endpoint;
        this.tokenState = tokenState;
        this.verifier = verifier;
        this.callback = callback;
        this.tx = tx;
        this.clock = clock;
    }

    /** Where an outcome goes: the exact link-ui origin to post it to, and in redirect mode the URL to return to. */
    public record Delivery(OAuthLinkSession.Mode mode, String notifyOrigin, @Nullable String returnTo) {}

    /** What linking came to; {@code code} and {@code message} only on failure. */
    public record Outcome(
            boolean success,
            String provider,
            @Nullable UUID integratedAccountId,
            boolean reauthorized,
            @Nullable String code,
            @Nullable String message) {
        static Outcome failed(String provider, ErrorCode code, String message) {
            return new Outcome(false, provider, null, false, code.code(), message);
        }
    }

    /** The start route's answer: go to the provider, or show/return a failure. */
    public sealed interface Started {}

    public record ToProvider(String authorizeUrl) implements Started {}

    public record Refused(Outcome outcome, Delivery delivery) implements Started {}

    /** The callback's answer. */
    public record Finished(Outcome outcome, Delivery delivery) {}

    /** The exact origin of {@code interlink.link-ui-url}: the only window an outcome is ever posted to. */
    public String linkUiOrigin() {
        return origin(URI.create(links.linkUiUrl()));
    }

    /** The page link-ui serves to hand an outcome over when the popup lost its opener (see ADR 0042). */
    public String relayUrl() {
        return links.linkUiUrl() + "/oauth-relay.html";
    }

    public Started start(
            String providerId, @Nullable String linkToken, @Nullable String mode, @Nullable String returnTo) {
        Delivery delivery;
        try {
            delivery = delivery(mode, returnTo);
        } catch (ApiProblem e) {
            return new Refused(
                    Outcome.failed(providerId, e.code(), e.getMessage()),
                    new Delivery(OAuthLinkSession.Mode.POPUP, linkUiOrigin(), null));
        }
        try {
            LinkToken row = links.live(linkToken);
            if (!row.providers().contains(providerId)) {
                throw ApiProblem.of(ErrorCode.LINK_PROVIDER_NOT_ALLOWED, "This link does not offer " + providerId);
            }
            ProviderDefinition provider = oauthProvider(providerId);
            String clientId = apps.client(row.tenantId(), provider.id())
                    .orElseThrow(() -> noApp(provider))
                    .clientId();
            links.countAttempt(row);
            String state = Ids.random("", 32);
            String codeVerifier = Pkce.verifier();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            OAuthLinkSession session = new OAuthLinkSession(
                    UUID.randomUUID(),
                    row.tenantId(),
                    row.id(),
                    provider.id(),
                    delivery.mode(),
                    delivery.notifyOrigin(),
                    delivery.returnTo(),
                    codeVerifier,
                    now,
                    now.plus(SESSION_TTL));
            sessions.insert(session, Ids.sha256Hex(state));
            LOG.info(
                    "OAuth link session {} started (tenant {}, provider {}, {})",
                    session.id(),
                    row.tenantId(),
                    provider.id(),
                    delivery.mode().value());
            return new ToProvider(authorizeUrl(provider.oauth2(), clientId, state, Pkce.challenge(codeVerifier)));
        } catch (ApiProblem e) {
            LOG.info("OAuth link start for {} refused: {}", providerId, e.code().code());
            return new Refused(Outcome.failed(providerId, e.code(), e.getMessage()), delivery);
        }
    }

    public Finished callback(
            @Nullable String state, @Nullable String code, @Nullable String error, @Nullable String errorDescription) {
        Delivery fallback = new Delivery(OAuthLinkSession.Mode.POPUP, linkUiOrigin(), null);
        if (state == null || state.isBlank() || state.length() > 200) {
            return new Finished(stateInvalid("", "This authorization has no valid state."), fallback);
        }
        Instant now = clock.instant();
        Optional<OAuthLinkSession> taken = sessions.take(Ids.sha256Hex(state), now);
        if (taken.isEmpty()) {
            LOG.info("OAuth callback with an unknown or already used state");
            return new Finished(
                    stateInvalid("", "This authorization is unknown or was already completed. Start again."), fallback);
        }
        OAuthLinkSession session = taken.get();
        Delivery delivery = new Delivery(session.mode(), session.notifyOrigin(), session.returnTo());
        String providerId = session.provider();
        if (!session.expiresAt().isAfter(now)) {
            LOG.info("OAuth link session {} came back after it expired", session.id());
            return new Finished(
                    stateInvalid(providerId, "This authorization took too long and has expired. Start again."),
                    delivery);
        }
        if (error != null) {
            boolean denied = error.equals("access_denied");
            LOG.info("OAuth link session {}: the provider answered {}", session.id(), denied ? error : "an error");
            return new Finished(
                    denied
                            ? Outcome.failed(
                                    providerId,
                                    ErrorCode.OAUTH_CONSENT_DENIED,
                                    "Access was not granted at " + displayName(providerId) + ".")
                            : Outcome.failed(
                                    providerId,
                                    ErrorCode.OAUTH_AUTHORIZATION_FAILED,
                                    displayName(providerId) + " did not authorize the connection (" + safeError(error)
                                            + ")."),
                    delivery);
        }
        if (code == null || code.isBlank() || code.length() > 2000) {
            return new Finished(
                    Outcome.failed(
                            providerId,
                            ErrorCode.OAUTH_AUTHORIZATION_FAILED,
                            displayName(providerId) + " sent no authorization code."),
                    delivery);
        }
        try {
            Outcome outcome = complete(session, code);
            LOG.info(
                    "OAuth link session {} completed: account {} ({})",
                    session.id(),
                    outcome.integratedAccountId(),
                    outcome.reauthorized() ? "re-authorized" : "created");
            return new Finished(outcome, delivery);
        } catch (ApiProblem e) {
            LOG.info("OAuth link session {} failed: {}", session.id(), e.code().code());
            return new Finished(Outcome.failed(providerId, e.code(), e.getMessage()), delivery);
        } catch (RuntimeException e) {
            LOG.error("OAuth link session {} failed unexpectedly", session.id(), e);
            return new Finished(
                    Outcome.failed(providerId, ErrorCode.PLATFORM_INTERNAL_ERROR, "Something went wrong on our side."),
                    delivery);
        }
    }

    private Outcome complete(OAuthLinkSession session, String code) {
        LinkToken row = links.liveById(session.linkTokenId());
        if (!row.tenantId().equals(session.tenantId())) {
            throw ApiProblem.of(ErrorCode.LINK_OAUTH_STATE_INVALID, "This authorization is not valid.");
        }
        ProviderDefinition provider = oauthProvider(session.provider());
        OAuthClient client = apps.client(row.tenantId(), provider.id()).orElseThrow(() -> noApp(provider));
        TokenEndpoint.Outcome exchanged =
                endpoint.exchangeCode(provider.oauth2(), client, code, callback.url(), session.codeVerifier());
        TokenSet tokens;
        if (exchanged instanceof TokenEndpoint.Issued issued) {
            tokens = issued.tokens();
        } else if (exchanged instanceof TokenEndpoint.Rejected) {
            throw ApiProblem.of(
                    ErrorCode.LINK_OAUTH_CODE_REJECTED,
                    provider.displayName() + " did not accept the authorization (the code was expired, already"
                            + " used or issued to another app). Start again.");
        } else {
            TokenEndpoint.Unavailable down = (TokenEndpoint.Unavailable) exchanged;
            throw ApiProblem.of(
                            ErrorCode.REMOTE_SERVICE_UNAVAILABLE,
                            provider.displayName() + " could not complete the connection right now (" + down.why()
                                    + "). Try again in a moment.")
                    .with("retryable", true);
        }
        // the id is chosen before verification, so that the check spends the (new) account's budget
        UUID accountId = row.integratedAccountId() != null ? row.integratedAccountId() : UUID.randomUUID();
        verifier.verify(accountId, provider, tokens.credentials());
        LinkService.Submitted stored = tx.executeWrite(status -> {
            LinkService.Submitted s = links.store(row, accountId, provider, tokens.credentials());
            // fences any refresh in flight for a re-authorized account, records the new pair's expiry
            tokenState.replaced(row.tenantId(), s.integratedAccountId(), tokens.expiresAt());
            return s;
        });
        return new Outcome(true, provider.id(), stored.integratedAccountId(), stored.reauthorized(), null, null);
    }

    private Delivery delivery(@Nullable String mode, @Nullable String returnTo) {
        String origin = linkUiOrigin();
        if (mode == null || mode.isBlank() || mode.equals("popup")) {
            return new Delivery(OAuthLinkSession.Mode.POPUP, origin, null);
        }
        if (!mode.equals("redirect")) {
            throw ApiProblem.invalid("/mode", "must be popup or redirect");
        }
        if (returnTo == null || returnTo.isBlank()) {
            throw ApiProblem.invalid("/return_to", "is required in redirect mode");
        }
        URI uri;
        try {
            uri = URI.create(returnTo);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("/return_to", "is not a URL");
        }
        if (returnTo.length() > 2000
                || uri.getScheme() == null
                || uri.getHost() == null
                || !origin(uri).equals(origin)
                || uri.getRawFragment() != null) {
            throw ApiProblem.invalid("/return_to", "must be a URL of the link UI (" + origin + ")");
        }
        if (uri.getRawQuery() != null && uri.getRawQuery().contains("link_token")) {
            throw ApiProblem.invalid("/return_to", "must not carry the link token");
        }
        return new Delivery(OAuthLinkSession.Mode.REDIRECT, origin, returnTo);
    }

    private ProviderDefinition oauthProvider(String id) {
        ProviderDefinition p = catalog.find(id)
                .orElseThrow(() -> ApiProblem.of(ErrorCode.INTEGRATION_PROVIDER_NOT_FOUND, "No provider '" + id + "'"));
        if (p.authMode() != AuthMode.OAUTH2 || p.oauth2() == null) {
            throw ApiProblem.invalid("/provider", p.displayName() + " connects with credentials, not OAuth 2.0");
        }
        return p;
    }

    private String displayName(String id) {
        return catalog.find(id).map(ProviderDefinition::displayName).orElse(id);
    }

    private static ApiProblem noApp(ProviderDefinition provider) {
        return ApiProblem.of(
                ErrorCode.INTEGRATION_OAUTH_APP_NOT_CONFIGURED,
                "Connecting " + provider.displayName() + " is not set up yet (no OAuth app is configured).");
    }

    private static Outcome stateInvalid(String provider, String message) {
        return Outcome.failed(provider, ErrorCode.LINK_OAUTH_STATE_INVALID, message);
    }

    private static String safeError(String error) {
        return error.matches("[A-Za-z0-9_.-]{1,64}") ? error : "error";
    }

    private String authorizeUrl(OAuth2Settings server, String clientId, String state, String challenge) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", clientId);
        q.put("redirect_uri", callback.url());
        if (!server.scopes().isEmpty()) q.put("scope", String.join(" ", server.scopes()));
        if (server.audience() != null) q.put("audience", server.audience());
        q.put("state", state);
        q.put("code_challenge", challenge);
        q.put("code_challenge_method", "S256");
        String query = q.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return server.authorizeUrl() + (server.authorizeUrl().contains("?") ? "&" : "?") + query;
    }

    static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
