package dev.interlink.platform.linking;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.account.AccountService;
import dev.interlink.platform.account.AccountStatus;
import dev.interlink.platform.account.CredentialVerifier;
import dev.interlink.platform.account.EndUser;
import dev.interlink.platform.account.IntegratedAccount;
import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.FieldError;
import dev.interlink.platform.common.Ids;
import dev.interlink.platform.provider.catalog.Catalog;
import dev.interlink.platform.provider.catalog.IntegrationsController;
import dev.interlink.platform.provider.catalog.IntegrationsController.IntegrationView;
import dev.interlink.platform.provider.catalog.ProviderDefinition;
import dev.interlink.platform.tenant.Tenant;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.vault.Credentials;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Link tokens and link sessions. A token is 256 random bits, stored only as its SHA-256, valid for
 * {@code expires_in} (default 30 min, at most 24 h), consumed by the first successful credential submission,
 * and allows at most {@code INTERLINK_LINK_MAX_ATTEMPTS} (default 10) submissions that reach the provider, so
 * it cannot be used to brute-force credentials.
 */
@Singleton
public class LinkService {
    private static final Logger LOG = LoggerFactory.getLogger(LinkService.class);

    private final LinkTokenRepository tokens;
    private final AccountService accounts;
    private final CredentialVerifier verifier;
    private final Catalog catalog;
    private final TenantService tenants;
    private final IntegrationsController integrations;
    private final Clock clock;
    private final String linkUiUrl;
    private final Duration defaultTtl;
    private final Duration maxTtl;
    private final int maxAttempts;

    public LinkService(
            LinkTokenRepository tokens,
            AccountService accounts,
            CredentialVerifier verifier,
            Catalog catalog,
            TenantService tenants,
            IntegrationsController integrations,
            Clock clock,
            @Value("${interlink.link-ui-url:`http://127.0.0.1:8081`}") String linkUiUrl,
            @Value("${interlink.link.token-ttl:30m}") Duration defaultTtl,
            @Value("${interlink.link.max-token-ttl:24h}") Duration maxTtl,
            @Value("${interlink.link.max-attempts:10}") int maxAttempts) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.verifier = verifier;
        this.catalog = catalog;
        this.tenants = tenants;
        this.integrations = integrations;
        this.clock = clock;
        this.linkUiUrl = linkUiUrl.replaceAll("/+$", "");
        this.defaultTtl = defaultTtl;
        this.maxTtl = maxTtl;
        this.maxAttempts = maxAttempts;
    }

    public record CreateRequest(
            @Nullable EndUser endUser,
            @Nullable List<String> providers,
            @Nullable String integratedAccountId,
            @Nullable Long expiresIn) {}

    public record Created(String linkToken, String linkUrl, Instant expiresAt) {}

    public record SessionTenant(String displayName) {}

    public record Reauth(UUID integratedAccountId, String provider) {}

    public record Session(
            SessionTenant tenant,
            EndUser endUser,
            List<IntegrationView> providers,
            @Nullable Reauth reauth,
            List<String> allowedOrigins,
            Instant expiresAt) {}

    public record Submitted(UUID integratedAccountId, String provider, AccountStatus status, boolean reauthorized) {}

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Transactional
    public Created create(Principal principal, CreateRequest request) {
        List<FieldError> errors = new ArrayList<>(AccountService.endUserErrors(request.endUser(), "/end_user"));
        List<String> providers = new ArrayList<>();
        if (request.providers() != null) {
            if (request.providers().isEmpty()) {
                errors.add(new FieldError("/providers", "must name at least one provider (or be omitted)"));
            }
            for (int i = 0; i < request.providers().size(); i++) {
                String id = request.providers().get(i);
                if (catalog.find(id).isEmpty()) {
                    errors.add(new FieldError("/providers/" + i, "is not a known provider"));
                } else {
                    providers.add(id);
                }
            }
        } else {
            catalog.all().forEach(p -> providers.add(p.id()));
        }
        Duration ttl = defaultTtl;
        if (request.expiresIn() != null) {
            if (request.expiresIn() < 60 || request.expiresIn() > maxTtl.toSeconds()) {
                errors.add(new FieldError("/expires_in", "must be between 60 and " + maxTtl.toSeconds() + " seconds"));
            } else {
                ttl = Duration.ofSeconds(request.expiresIn());
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        UUID accountId = null;
        List<String> offered = List.copyOf(new LinkedHashSet<>(providers));
        if (request.integratedAccountId() != null) {
            IntegratedAccount account = accounts.get(principal.tenantId(), request.integratedAccountId());
            accountId = account.id();
            offered = List.of(account.provider());
        }
        String token = Ids.random("lt_", 32);
        Instant now = now();
        LinkToken row = new LinkToken(
                UUID.randomUUID(),
                principal.tenantId(),
                request.endUser(),
                offered,
                accountId,
                0,
                now,
                now.plus(ttl),
                null);
        tokens.insert(row, Ids.sha256Hex(token), principal.apiClientId());
        LOG.info("Link token {} issued (tenant {}, providers {})", row.id(), principal.tenantId(), offered);
        return new Created(
                token,
                linkUiUrl + "/link?link_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8),
                row.expiresAt());
    }

    /** The live token behind {@code token}, or 401 (unknown, expired, consumed). */
    public LinkToken live(@Nullable String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            throw ApiProblem.of(ErrorCode.LINK_TOKEN_INVALID, "This link is not valid");
        }
        LinkToken row = tokens.findByHash(Ids.sha256Hex(token.strip()))
                .orElseThrow(() -> ApiProblem.of(ErrorCode.LINK_TOKEN_INVALID, "This link is not valid"));
        return checkLive(row);
    }

    /** The live token with this id (an OAuth callback knows the token's id, never the token), or 401. */
    public LinkToken liveById(UUID id) {
        LinkToken row = tokens.findById(id)
                .orElseThrow(() -> ApiProblem.of(ErrorCode.LINK_TOKEN_INVALID, "This link is not valid"));
        return checkLive(row);
    }

    private LinkToken checkLive(LinkToken row) {
        if (row.consumedAt() != null) {
            throw ApiProblem.of(ErrorCode.LINK_TOKEN_CONSUMED, "This link was already used");
        }
        if (!row.expiresAt().isAfter(clock.instant())) {
            throw ApiProblem.of(ErrorCode.LINK_TOKEN_EXPIRED, "This link has expired; ask for a new one");
        }
        return row;
    }

    /**
     * Counts one attempt with the token (a credential submission, or the start of an OAuth authorization), or
     * answers 429 {@code LINK.TOO_MANY_ATTEMPTS} (401 if it was consumed meanwhile).
     */
    public void countAttempt(LinkToken row) {
        if (!tokens.countAttempt(row.id(), maxAttempts)) {
            liveById(row.id());
            throw ApiProblem.of(ErrorCode.LINK_TOO_MANY_ATTEMPTS, "Too many attempts with this link; ask for a new one")
                    .with("retryable", false);
        }
    }

    /** {@code interlink.link-ui-url} without a trailing slash. */
    public String linkUiUrl() {
        return linkUiUrl;
    }

    public Session session(@Nullable String token) {
        LinkToken row = live(token);
        Tenant tenant = tenants.find(row.tenantId())
                .orElseThrow(() -> ApiProblem.of(ErrorCode.LINK_TOKEN_INVALID, "This link is not valid"));
        List<IntegrationView> providers = row.providers().stream()
                .map(catalog::find)
                .flatMap(java.util.Optional::stream)
                .map(integrations::view)
                .toList();
        Reauth reauth = row.integratedAccountId() == null
                ? null
                : new Reauth(row.integratedAccountId(), row.providers().get(0));
        return new Session(
                new SessionTenant(tenant.displayName()),
                row.endUser(),
                providers,
                reauth,
                Arrays.asList(tenant.allowedOrigins()),
                row.expiresAt());
    }

    /**
     * Validates, counts the attempt, verifies with the provider, then consumes the token and creates (or
     * re-authorizes) the account in one transaction.
     */
    public Submitted submit(@Nullable String token, @Nullable String providerId, @Nullable Map<String, Object> raw) {
        LinkToken row = live(token);
        liveTenant(row); // a deleted tenant's link spends no attempt and calls no provider
        if (providerId == null || providerId.isBlank()) {
            throw ApiProblem.invalid("/provider", "is required");
        }
        if (!row.providers().contains(providerId)) {
            throw ApiProblem.of(ErrorCode.LINK_PROVIDER_NOT_ALLOWED, "This link does not offer " + providerId);
        }
        ProviderDefinition provider = accounts.provider(providerId, "/provider");
        Credentials credentials = accounts.validate(provider, raw, List.of());
        countAttempt(row);
        // the id is chosen before verification, so that the check spends the (new) account's budget
        UUID accountId = row.integratedAccountId() != null ? row.integratedAccountId() : UUID.randomUUID();
        verifier.verify(accountId, provider, credentials);
        return store(row, accountId, provider, credentials);
    }

    @Transactional
    public Submitted store(LinkToken row, UUID accountId, ProviderDefinition provider, Credentials credentials) {
        Instant now = now();
        // again inside the transaction, the row share-locked until commit: a tenant deleted while the provider
        // was verifying the credentials gets no account (and its deletion waits for this commit, not the reverse)
        if (tenants.findLiveForShare(row.tenantId()).isEmpty()) {
            throw tenantGone();
        }
        if (!tokens.consume(row.id(), accountId, now)) {
            throw ApiProblem.of(ErrorCode.LINK_TOKEN_CONSUMED, "This link was already used");
        }
        IntegratedAccount account = row.integratedAccountId() != null
                ? accounts.replaceCredentials(row.tenantId(), row.integratedAccountId(), credentials)
                : accounts.createWithId(accountId, row.tenantId(), provider, row.endUser(), credentials, Map.of());
        return new Submitted(account.id(), provider.id(), account.status(), row.integratedAccountId() != null);
    }

    private void liveTenant(LinkToken row) {
        if (tenants.find(row.tenantId()).isEmpty()) {
            throw tenantGone();
        }
    }

    /** The same answer as an unknown token: the link's tenant no longer exists. */
    private static ApiProblem tenantGone() {
        return ApiProblem.of(ErrorCode.LINK_TOKEN_INVALID, "This link is not valid");
    }

    /** Drops tokens expired for more than a day. */
    public int purgeExpired() {
        return tokens.purgeExpired(clock.instant().minus(Duration.ofDays(1)));
    }
}
