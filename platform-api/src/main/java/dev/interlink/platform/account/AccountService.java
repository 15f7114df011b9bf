package dev.interlink.platform.account;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.cache.ReplicaCache;
import dev.interlink.platform.cache.ReplicaCaches;
import dev.interlink.platform.changes.ProviderWebhooks;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.FieldError;
import dev.interlink.platform.events.Events;
import dev.interlink.platform.provider.catalog.AuthMode;
import dev.interlink.platform.provider.catalog.Catalog;
import dev.interlink.platform.provider.catalog.ProviderDefinition;
import dev.interlink.platform.vault.Credentials;
import dev.interlink.platform.vault.SecretRef;
import dev.interlink.platform.vault.Vault;
import dev.interlink.platform.vault.VaultException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Integrated accounts: connect (validate → verify with the provider → store encrypted), re-authorize in
 * place, status lifecycle, and {@link #resolveForCall} for the unified API and the proxy. Every method takes
 * the tenant id of the authenticated principal; another tenant's account answers exactly like a missing one.
 */
@Singleton
public class AccountService {
    private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);
    private static final int MAX_TEXT = 200;
    private static final int MAX_CONTEXT_BYTES = 8_192;

    private final AccountRepository accounts;
    private final Catalog catalog;
    private final Vault vault;
    private final CredentialVerifier verifier;
    private final Clock clock;
    private final ProviderWebhooks providerWebhooks;
    private final Events events;
    private final long touchGapSeconds;
    private final Map<UUID, Instant> lastTouched = new ConcurrentHashMap<>();
    /**
     * Accounts resolved for calls, with their decrypted credentials, per replica (in memory only: at rest they stay
     * encrypted). Evicted on every replica when the account or its credentials change (ReplicaCaches, migration V0081).
     */
    private final ReplicaCache<UUID, ConnectedAccount> callable;

    private final ReplicaCaches caches;

    public AccountService(
            AccountRepository accounts,
            Catalog catalog,
            Vault vault,
            CredentialVerifier verifier,
            Clock clock,
            ProviderWebhooks providerWebhooks,
            Events events,
            @Value("${interlink.accounts.last-used-resolution:60s}") Duration touchGap,
            ReplicaCaches caches) {
        this.accounts = accounts;
        this.providerWebhooks = providerWebhooks;
        this.catalog = catalog;
        this.vault = vault;
        this.verifier = verifier;
        this.clock = clock;
        this.events = events;
        this.touchGapSeconds = touchGap.toSeconds();
        this.caches = caches;
        this.callable = caches.cache("accounts", 10_000);
        caches.subscribe("account", id -> callable.invalidate(UUID.fromString(id)));
    }

    /** This replica changed the account: every cached resolution of it goes now (other replicas: on commit). */
    private void changed(UUID accountId) {
        caches.changed("account", accountId);
    }

    /** A submitted connection: provider id, end user, raw credential values, optional tenant context. */
    public record ConnectCommand(
            @Nullable String provider,
            @Nullable EndUser endUser,
            @Nullable Map<String, Object> credentials,
            @Nullable Map<String, Object> context) {}

    /** A created or re-authorized account and what the provider verification took. */
    public record Connected(IntegratedAccount account, boolean reauthorized, long remoteMillis) {}

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The provider of {@code id} or a 400 on {@code pointer}. */
    public ProviderDefinition provider(@Nullable String id, String pointer) {
        if (id == null || id.isBlank()) {
            throw ApiProblem.invalid(pointer, "is required");
        }
        return catalog.find(id).orElseThrow(() -> ApiProblem.invalid(pointer, "is not a known provider"));
    }

    /**
     * Checks the credential values against the catalog: strings only, every field valid. Lists every bad
     * field (plus {@code extra}) in one 400.
     */
    public Credentials validate(
            ProviderDefinition provider, @Nullable Map<String, Object> raw, List<FieldError> extra) {
        List<FieldError> errors = new ArrayList<>(extra);
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null) {
            errors.add(new FieldError("/credentials", "is required"));
        } else {
            raw.forEach((name, value) -> {
                if (value instanceof String s) {
                    values.put(name, s.strip());
                } else if (value != null) {
                    errors.add(new FieldError("/credentials/" + name, "must be a string"));
                }
            });
            Map<String, String> checked = new LinkedHashMap<>(values);
            errors.addAll(provider.validate(checked));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        values.entrySet().removeIf(e -> e.getValue().isEmpty());
        return Credentials.of(values).withDefaults(provider.defaults());
    }

    /** Checks the end user: an id (1..200 characters), optional name and email. */
    public static List<FieldError> endUserErrors(@Nullable EndUser endUser, String pointer) {
        List<FieldError> errors = new ArrayList<>();
        if (endUser == null || endUser.id() == null || endUser.id().isBlank()) {
            errors.add(new FieldError(pointer + "/id", "is required"));
            return errors;
        }
        if (endUser.id().length() > MAX_TEXT) {
            errors.add(new FieldError(pointer + "/id", "at most " + MAX_TEXT + " characters"));
        }
        if (endUser.name() != null && endUser.name().length() > MAX_TEXT) {
            errors.add(new FieldError(pointer + "/name", "at most " + MAX_TEXT + " characters"));
        }
        if (endUser.email() != null
                && (endUser.email().length() > 320 || !endUser.email().contains("@"))) {
            errors.add(new FieldError(pointer + "/email", "is not an email address"));
        }
        return errors;
    }

    private static List<FieldError> contextErrors(@Nullable Map<String, Object> context) {
        if (context != null && context.toString().length() > MAX_CONTEXT_BYTES) {
            return List.of(new FieldError("/context", "at most " + MAX_CONTEXT_BYTES + " bytes"));
        }
        return List.of();
    }

    /** Import / server-side connect: validate, verify with the provider, then store (nothing stored on failure). */
    public Connected connect(UUID tenantId, ConnectCommand command) {
        ProviderDefinition provider = provider(command.provider(), "/provider");
        List<FieldError> extra = new ArrayList<>(endUserErrors(command.endUser(), "/end_user"));
        extra.addAll(contextErrors(command.context()));
        Credentials credentials = validate(provider, command.credentials(), extra);
        UUID id = UUID.randomUUID(); // chosen first, so that verification spends the new account's budget
        CredentialVerifier.Outcome outcome = verifier.verify(id, provider, credentials);
        IntegratedAccount account =
                createWithId(id, tenantId, provider, command.endUser(), credentials, command.context());
        return new Connected(account, false, outcome.remoteMillis());
    }

    /** Stores a new, already verified account with its credentials, in one transaction. */
    @Transactional
    public IntegratedAccount create(
            UUID tenantId,
            ProviderDefinition provider,
            EndUser endUser,
            Credentials credentials,
            @Nullable Map<String, Object> context) {
        return createWithId(UUID.randomUUID(), tenantId, provider, endUser, credentials, context);
    }

    /** {@link #create} with a chosen id (the link flow records the id on the token it consumes). */
    @Transactional
    public IntegratedAccount createWithId(
            UUID id,
            UUID tenantId,
            ProviderDefinition provider,
            EndUser endUser,
            Credentials credentials,
            @Nullable Map<String, Object> context) {
        Instant now = now();
        IntegratedAccount account = new IntegratedAccount(
                id,
                tenantId,
                provider.id(),
                new EndUser(endUser.id().strip(), endUser.name(), endUser.email()),
                AccountStatus.ACTIVE,
                "connected",
                now,
                context == null ? Map.of() : context,
                now,
                now,
                null);
        accounts.insert(account);
        vault.store(SecretRef.credentials(tenantId, account.id()), credentials);
        emit("integrated_account.created", account, null);
        LOG.info("Integrated account {} created for provider {} (tenant {})", account.id(), provider.id(), tenantId);
        return account;
    }

    /** Re-authorization in place with raw credentials (tenant API): validate, verify, replace; the id stays. */
    public Connected reauthorize(UUID tenantId, String accountId, @Nullable Map<String, Object> rawCredentials) {
        IntegratedAccount current = get(tenantId, accountId);
        ProviderDefinition provider = provider(current.provider(), "/provider");
        Credentials credentials = validate(provider, rawCredentials, List.of());
        CredentialVerifier.Outcome outcome = verifier.verify(current.id(), provider, credentials);
        return new Connected(replaceCredentials(tenantId, current.id(), credentials), true, outcome.remoteMillis());
    }

    /**
     * Replaces the credentials of an existing account (already verified). A {@code needs_reauth} account
     * becomes {@code active}; a {@code disabled} one stays disabled (the tenant switched it off on purpose).
     */
    @Transactional
    public IntegratedAccount replaceCredentials(UUID tenantId, UUID accountId, Credentials credentials) {
        IntegratedAccount current = accounts.findForUpdate(tenantId, accountId).orElseThrow(AccountService::notFound);
        changed(accountId);
        vault.store(SecretRef.credentials(tenantId, accountId), credentials);
        Instant now = now();
        if (current.status() == AccountStatus.NEEDS_REAUTH) {
            accounts.setStatus(tenantId, accountId, AccountStatus.ACTIVE, "re-authorized", now);
        } else {
            accounts.touchUpdated(tenantId, accountId, now);
        }
        LOG.info("Integrated account {} re-authorized (tenant {})", accountId, tenantId);
        IntegratedAccount updated = accounts.find(tenantId, accountId).orElseThrow();
        emit(
                current.status() == AccountStatus.NEEDS_REAUTH
                        ? "integrated_account.reactivated"
                        : "integrated_account.updated",
                updated,
                current.status());
        return updated;
    }

    public IntegratedAccount get(UUID tenantId, String accountId) {
        return accounts.find(tenantId, parseId(accountId)).orElseThrow(AccountService::notFound);
    }

    public Optional<IntegratedAccount> find(UUID tenantId, UUID accountId) {
        return accounts.find(tenantId, accountId);
    }

    public Page<IntegratedAccount> list(
            UUID tenantId,
            @Nullable String provider,
            @Nullable String status,
            @Nullable String endUserId,
            @Nullable String cursor,
            @Nullable Integer limit) {
        int n = PageCursor.limit(limit, 50, 200);
        AccountStatus s = null;
        if (status != null) {
            s = AccountStatus.parseOrNull(status);
            if (s == null) {
                throw ApiProblem.invalid("/status", "must be active, needs_reauth or disabled");
            }
        }
        PageCursor after = cursor == null ? null : PageCursor.decode(cursor);
        if (after != null) {
            try {
                UUID.fromString(after.id());
            } catch (IllegalArgumentException e) {
                throw ApiProblem.of(ErrorCode.PLATFORM_CURSOR_INVALID, "The cursor is not one this API returned");
            }
        }
        List<IntegratedAccount> rows =
                accounts.list(tenantId, new AccountRepository.Filter(provider, s, endUserId), after, n);
        String next = null;
        if (rows.size() > n) {
            rows = rows.subList(0, n);
            IntegratedAccount last = rows.get(n - 1);
            next = new PageCursor(last.createdAt(), last.id().toString()).encode();
        }
        return Page.of(List.copyOf(rows), next);
    }

    public List<StatusChange> history(UUID tenantId, String accountId) {
        IntegratedAccount account = get(tenantId, accountId);
        return accounts.history(tenantId, account.id());
    }

    /** PATCH: {@code status} active|disabled and/or a new {@code context}. */
    @Transactional
    public IntegratedAccount update(
            UUID tenantId, String accountId, @Nullable String status, @Nullable Map<String, Object> context) {
        IntegratedAccount current =
                accounts.findForUpdate(tenantId, parseId(accountId)).orElseThrow(AccountService::notFound);
        List<FieldError> errors = new ArrayList<>(contextErrors(context));
        AccountStatus target = null;
        if (status != null) {
            target = AccountStatus.parseOrNull(status);
            if (target != AccountStatus.ACTIVE && target != AccountStatus.DISABLED) {
                errors.add(new FieldError("/status", "must be active or disabled"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        Instant now = now();
        changed(current.id());
        if (target != null && target != current.status()) {
            accounts.setStatus(
                    tenantId,
                    current.id(),
                    target,
                    target == AccountStatus.DISABLED ? "disabled by the tenant" : "enabled by the tenant",
                    now);
        }
        if (context != null) {
            accounts.setContext(tenantId, current.id(), context, now);
        }
        IntegratedAccount updated = accounts.find(tenantId, current.id()).orElseThrow();
        if (target != null && target != current.status()) {
            emit(
                    target == AccountStatus.DISABLED ? "integrated_account.disabled" : "integrated_account.reactivated",
                    updated,
                    current.status());
        }
        if (context != null) {
            emit("integrated_account.updated", updated, current.status());
        }
        return updated;
    }

    /** Wipes the credentials at once and soft-deletes the account ({@link AccountPurgeJob} removes it later). */
    @Transactional
    public void delete(UUID tenantId, String accountId) {
        UUID id = parseId(accountId);
        providerWebhooks.unsubscribe(tenantId, id); // while the credentials to do it still exist
        IntegratedAccount current = accounts.findForUpdate(tenantId, id).orElseThrow(AccountService::notFound);
        changed(id);
        if (!accounts.softDelete(tenantId, id, now())) {
            throw notFound();
        }
        vault.wipe(tenantId, id);
        emit("integrated_account.deleted", current, null);
        LOG.info("Integrated account {} deleted, credentials wiped (tenant {})", id, tenantId);
    }

    /**
     * For one provider call: the account (404 also for malformed or foreign ids), its status (409 disabled or
     * needs re-authorization), its decrypted credentials, base URL and auth headers.
     */
    public ConnectedAccount resolveForCall(UUID tenantId, String accountId) {
        UUID id = parseId(accountId);
        ConnectedAccount cached = callable.getIfPresent(id);
        if (cached != null && cached.account().tenantId().equals(tenantId)) {
            return cached;
        }
        long before = callable.generation();
        ConnectedAccount resolved = resolveUncached(tenantId, accountId);
        // only what a call may use: an active account (disabled and needs_reauth answer above, uncached); OAuth 2.0
        // accounts are left out, their tokens change with every refresh (oauth/TokenRefresher owns them)
        if (resolved.provider().authMode() != AuthMode.OAUTH2) {
            callable.putIfUnchanged(id, resolved, before);
        }
        return resolved;
    }

    private ConnectedAccount resolveUncached(UUID tenantId, String accountId) {
        IntegratedAccount account = get(tenantId, accountId);
        if (account.status() == AccountStatus.DISABLED) {
            throw ApiProblem.of(ErrorCode.INTEGRATION_ACCOUNT_DISABLED, "The integrated account is disabled");
        }
        if (account.status() == AccountStatus.NEEDS_REAUTH) {
            throw ApiProblem.of(
                    ErrorCode.INTEGRATION_REAUTH_REQUIRED,
                    "The provider rejected this account's credentials; re-authorize it with a link token");
        }
        ProviderDefinition provider = catalog.find(account.provider())
                .orElseThrow(() -> ApiProblem.of(
                        ErrorCode.INTEGRATION_PROVIDER_NOT_FOUND, "The provider of this account is not configured"));
        Credentials credentials;
        try {
            credentials = vault.load(SecretRef.credentials(tenantId, account.id()))
                    .orElseThrow(() -> new VaultException("no credentials stored"));
        } catch (VaultException e) {
            LOG.error("Credentials of integrated account {} are unusable: {}", account.id(), e.getMessage());
            throw ApiProblem.of(
                    ErrorCode.INTEGRATION_REAUTH_REQUIRED,
                    "This account's stored credentials cannot be used; re-authorize it with a link token");
        }
        return new ConnectedAccount(account, provider, credentials);
    }

    /** The provider rejected the stored credentials: the account needs re-authorization (active only). */
    @Transactional
    public void markNeedsReauth(UUID tenantId, UUID accountId, String reason) {
        Optional<IntegratedAccount> account = accounts.findForUpdate(tenantId, accountId);
        if (account.isPresent() && account.get().status() == AccountStatus.ACTIVE) {
            changed(accountId);
            String r = reason == null ? "the provider rejected the credentials" : reason;
            accounts.setStatus(
                    tenantId,
                    accountId,
                    AccountStatus.NEEDS_REAUTH,
                    r.length() > MAX_TEXT ? r.substring(0, MAX_TEXT) : r,
                    now());
            accounts.find(tenantId, accountId)
                    .ifPresent(a -> emit("integrated_account.needs_reauth", a, AccountStatus.ACTIVE));
            LOG.info("Integrated account {} needs re-authorization (tenant {})", accountId, tenantId);
        }
    }

    /** Records use; at most one write per account per {@code INTERLINK_ACCOUNTS_LAST_USED_RESOLUTION} (60s). */
    public void touchLastUsed(UUID tenantId, UUID accountId) {
        Instant now = now();
        Instant previous = lastTouched.get(accountId);
        if (previous != null && previous.isAfter(now.minusSeconds(touchGapSeconds))) {
            return;
        }
        lastTouched.put(accountId, now);
        if (lastTouched.size() > 100_000) {
            lastTouched.clear();
        }
        accounts.touchLastUsed(tenantId, accountId, now, touchGapSeconds);
    }

    /**
     * Announces a lifecycle change on the current transaction (so the event exists exactly when the change
     * committed). Identifiers and status only: never credentials or the tenant's context.
     */
    private void emit(String type, IntegratedAccount account, @Nullable AccountStatus previous) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("integrated_account_id", account.id().toString());
        data.put("provider", account.provider());
        data.put("status", account.status().wire());
        data.put("end_user", Map.of("id", account.endUser().id()));
        if (previous != null) {
            data.put("previous_status", previous.wire());
        }
        events.publish(account.tenantId(), type, data);
    }

    static UUID parseId(String accountId) {
        try {
            if (accountId == null) {
                throw notFound();
            }
            return UUID.fromString(accountId);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    static ApiProblem notFound() {
        return ApiProblem.of(ErrorCode.INTEGRATION_ACCOUNT_NOT_FOUND, "No integrated account with this id");
    }
}
