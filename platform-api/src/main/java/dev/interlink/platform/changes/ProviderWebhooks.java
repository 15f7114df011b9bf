package dev.interlink.platform.changes;

import dev.interlink.platform.ats.CallAccount;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.Ids;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.changesource.ProviderWebhook;
import dev.interlink.platform.vault.Credentials;
import dev.interlink.platform.vault.SecretRef;
import dev.interlink.platform.vault.Vault;
import dev.interlink.platform.webhook.EndpointRepository;
import dev.interlink.platform.webhook.EventTypes;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhooks we register at the provider so changes arrive without waiting for a poll, for every provider that declares
 * a {@link ProviderWebhook} bean (others are only polled). The target is
 * {@code <interlink.public-base-url>/inbound/<provider>/<token>}, the token 256 random bits stored as its SHA-256;
 * the signing secret (ours or the provider's, as its implementation says) is kept in the vault (purpose
 * {@value #PURPOSE}). An account is subscribed only while its tenant has an active endpoint that receives an
 * {@code ats.*} event: nobody would receive what the provider pushes otherwise.
 */
@Singleton
public class ProviderWebhooks {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderWebhooks.class);
    static final String PURPOSE = "provider_webhook";

    private final SubscriptionStore subscriptions;
    private final ChangeSources sources;
    // lazily: CallAccount depends on AccountService, which calls back into this class on delete
    private final Provider<CallAccount> accounts;
    private final EndpointRepository endpoints;
    private final Vault vault;
    private final Clock clock;
    private final boolean enabled;
    private final String publicBaseUrl;

    ProviderWebhooks(
            SubscriptionStore subscriptions,
            ChangeSources sources,
            Provider<CallAccount> accounts,
            EndpointRepository endpoints,
            Vault vault,
            Clock clock,
            @Value("${interlink.changes.provider-webhooks:false}") boolean enabled,
            @Nullable @Value("${interlink.public-base-url:}") String publicBaseUrl) {
        this.subscriptions = subscriptions;
        this.sources = sources;
        this.accounts = accounts;
        this.endpoints = endpoints;
        this.vault = vault;
        this.clock = clock;
        this.enabled = enabled;
        this.publicBaseUrl =
                publicBaseUrl == null || publicBaseUrl.isBlank() ? null : publicBaseUrl.replaceAll("/+$", "");
        if (enabled && this.publicBaseUrl == null) {
            LOG.warn("interlink.changes.provider-webhooks is on but interlink.public-base-url is not set:"
                    + " no provider webhooks are registered (polling only)");
        }
    }

    /** Whether the tenant has an active webhook endpoint that receives at least one {@code ats.*} event type. */
    boolean tenantSubscribed(UUID tenantId) {
        return endpoints.active(tenantId).stream().anyMatch(e -> EventTypes.CATALOG.stream()
                .map(EventTypes.Type::type)
                .filter(t -> t.startsWith("ats."))
                .anyMatch(t -> EventTypes.matches(e.eventTypes(), t)));
    }

    /**
     * Before each poll: registers the account's webhook at the provider when its tenant wants ATS events and it has
     * none yet, and removes it when the tenant no longer has an endpoint for them.
     */
    public void reconcile(UUID tenantId, UUID accountId) {
        if (!enabled || publicBaseUrl == null) return;
        boolean wanted = tenantSubscribed(tenantId);
        boolean present = subscriptions.byAccount(accountId).isPresent();
        if (wanted && !present) subscribe(tenantId, accountId);
        else if (!wanted && present) unsubscribe(tenantId, accountId);
    }

    private void subscribe(UUID tenantId, UUID accountId) {
        ConnectorContext ctx;
        try {
            ctx = accounts.get().resolve(tenantId, accountId.toString());
        } catch (ApiProblem p) {
            return; // not active: nothing to subscribe
        }
        ProviderWebhook provider = sources.webhook(ctx.provider()).orElse(null);
        if (provider == null) return;
        String token = Ids.random("", 32);
        ProviderWebhook.Registration registration;
        try {
            registration = provider.register(ctx, publicBaseUrl + "/inbound/" + ctx.provider() + "/" + token);
        } catch (ApiProblem p) {
            LOG.info(
                    "Could not register the {} webhook of account {}: {}",
                    ctx.displayName(),
                    accountId,
                    p.code().code());
            return;
        }
        boolean mine = subscriptions.insert(
                new SubscriptionStore.Subscription(accountId, tenantId, ctx.provider(), registration.remoteId()),
                Ids.sha256Hex(token),
                clock.instant(),
                () -> vault.store(
                        new SecretRef(tenantId, accountId, PURPOSE),
                        Credentials.of(Map.of("secret", registration.secret()))));
        if (!mine) {
            remove(provider, ctx, registration.remoteId()); // another replica won the race; one webhook per account
        } else {
            LOG.info("Registered {} webhook {} for account {}", ctx.displayName(), registration.remoteId(), accountId);
        }
    }

    /** Account deletion or no endpoint left: remove our webhook at the provider (best effort) and the subscription. */
    public void unsubscribe(UUID tenantId, UUID accountId) {
        Optional<SubscriptionStore.Subscription> s = subscriptions.byAccount(accountId);
        if (s.isEmpty() || !s.get().tenantId().equals(tenantId)) return;
        ProviderWebhook provider = sources.webhook(s.get().provider()).orElse(null);
        try {
            ConnectorContext ctx = accounts.get().resolve(tenantId, accountId.toString());
            if (provider != null) remove(provider, ctx, s.get().remoteWebhookId());
        } catch (ApiProblem p) {
            // disabled / needs re-auth: the webhook stays at the provider but finds no subscription here (404 forever)
            LOG.info(
                    "Could not remove the webhook of account {}: {}",
                    accountId,
                    p.code().code());
        }
        subscriptions.delete(tenantId, accountId);
        vault.delete(new SecretRef(tenantId, accountId, PURPOSE));
    }

    private static void remove(ProviderWebhook provider, ConnectorContext ctx, String remoteId) {
        try {
            provider.unregister(ctx, remoteId);
            LOG.info("Removed {} webhook {} of account {}", ctx.displayName(), remoteId, ctx.accountId());
        } catch (ApiProblem p) {
            LOG.info(
                    "Could not remove {} webhook {}: {}",
                    ctx.displayName(),
                    remoteId,
                    p.code().code());
        }
    }

    /**
     * The subscription a delivery belongs to and what it says, if its token is known and the provider's signature
     * verifies; empty otherwise (the caller answers both the same way). The signature is checked even for an unknown
     * token (with a decoy secret), so the answer time does not tell a known token from an unknown one either.
     */
    Optional<Verified> verify(String provider, String token, ProviderWebhook.InboundRequest request) {
        Optional<ProviderWebhook> source = sources.webhook(provider);
        if (source.isEmpty() || token.length() > 128) return Optional.empty();
        Optional<SubscriptionStore.Subscription> s = subscriptions.byTokenHash(provider, Ids.sha256Hex(token));
        String secret = s.flatMap(sub -> vault.load(new SecretRef(sub.tenantId(), sub.accountId(), PURPOSE)))
                .map(c -> c.get("secret"))
                .orElse("unknown-token-" + token);
        Optional<ProviderWebhook.Inbound> inbound = source.get().verify(request, secret, clock.instant());
        if (inbound.isEmpty() || s.isEmpty()) return Optional.empty();
        return Optional.of(new Verified(s.get(), inbound.get()));
    }

    /** A delivery whose signature verified, with the subscription it belongs to. */
    record Verified(SubscriptionStore.Subscription subscription, ProviderWebhook.Inbound inbound) {}
}
