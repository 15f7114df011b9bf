package dev.interlink.platform.changes;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.ats.CallAccount;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.Ids;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.http.RawResponse;
import dev.interlink.platform.vault.Credentials;
import dev.interlink.platform.vault.SecretRef;
import dev.interlink.platform.vault.Vault;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhooks we register at the provider so changes arrive without waiting for a poll. CATS only for now (Loxo is
 * polled): {@code POST /webhooks {events, target_url, secret}} answers 201 with the id in {@code Location}, and every
 * delivery carries {@code X-Request-Id} and {@code X-Signature: HMAC-SHA256 hex(hmac(secret, body + X-Request-Id))}
 * (docs/providers/cats.md). The target is {@code <interlink.public-base-url>/inbound/cats/<token>}, the token 256
 * random bits stored as its SHA-256; the secret is ours, kept in the vault (purpose {@value #PURPOSE}).
 */
@Singleton
public class ProviderWebhooks {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderWebhooks.class);
    static final String PURPOSE = "provider_webhook";
    /** What the engine turns into events: pipelines (applications), candidates, jobs. Deletions are not events. */
    static final List<String> CATS_EVENTS = List.of(
            "pipeline.created",
            "pipeline.status_changed",
            "candidate.created",
            "candidate.updated",
            "job.created",
            "job.updated",
            "job.status_changed");

    private final SubscriptionStore subscriptions;
    // lazily: CallAccount depends on AccountService, which calls back into this class on delete
    private final Provider<CallAccount> accounts;
    private final Vault vault;
    private final Clock clock;
    private final boolean enabled;
    private final String publicBaseUrl;
    private final ObjectMapper json = new ObjectMapper();

    ProviderWebhooks(
            SubscriptionStore subscriptions,
            Provider<CallAccount> accounts,
            Vault vault,
            Clock clock,
            @Value("${interlink.changes.provider-webhooks:false}") boolean enabled,
            @Nullable @Value("${interlink.public-base-url:}") String publicBaseUrl) {
        this.subscriptions = subscriptions;
        this.accounts = accounts;
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

    /**
     * TODO(webhook endpoints): subscribe only tenants with an active webhook endpoint once the endpoints of
     * {@code dev.interlink.platform.webhook} exist; until then every account of a webhook-capable provider is.
     */
    boolean tenantSubscribed(UUID tenantId) {
        return true;
    }

    /** Registers the account's webhook at the provider if it has none yet (called before each poll). */
    public void ensureSubscribed(UUID tenantId, UUID accountId) {
        if (!enabled || publicBaseUrl == null || !tenantSubscribed(tenantId)) return;
        if (subscriptions.byAccount(accountId).isPresent()) return;
        ConnectorContext ctx;
        try {
            ctx = accounts.get().resolve(tenantId, accountId.toString());
        } catch (ApiProblem p) {
            return; // not active: nothing to subscribe
        }
        if (!"cats".equals(ctx.provider())) return;
        String token = Ids.random("", 32);
        String secret = Ids.random("", 32);
        String remoteId;
        try {
            byte[] body = json.writeValueAsBytes(Map.of(
                    "events", CATS_EVENTS, "target_url", publicBaseUrl + "/inbound/cats/" + token, "secret", secret));
            try (RawResponse r = ctx.stream(
                    "POST",
                    ctx.uri("/webhooks", Map.of()),
                    Map.of("Content-Type", List.of("application/json"), "Accept", List.of("application/json")),
                    body,
                    false)) {
                remoteId = lastSegment(r.header("Location"));
            }
        } catch (ApiProblem | java.io.IOException e) {
            LOG.info("Could not register the CATS webhook of account {}: {}", accountId, e.getMessage());
            return;
        }
        boolean mine = subscriptions.insert(
                new SubscriptionStore.Subscription(accountId, tenantId, "cats", remoteId),
                Ids.sha256Hex(token),
                clock.instant(),
                () -> vault.store(
                        new SecretRef(tenantId, accountId, PURPOSE), Credentials.of(Map.of("secret", secret))));
        if (!mine) {
            deleteRemote(ctx, remoteId); // another replica won the race; keep one webhook per account
        } else {
            LOG.info("Registered CATS webhook {} for account {}", remoteId, accountId);
        }
    }

    /** Account deletion: remove our webhook at the provider (best effort) and the subscription. */
    public void unsubscribe(UUID tenantId, UUID accountId) {
        Optional<SubscriptionStore.Subscription> s = subscriptions.byAccount(accountId);
        if (s.isEmpty() || !s.get().tenantId().equals(tenantId)) return;
        try {
            deleteRemote(
                    accounts.get().resolve(tenantId, accountId.toString()),
                    s.get().remoteWebhookId());
        } catch (ApiProblem p) {
            // disabled / needs re-auth: the webhook stays at CATS but finds no subscription here (404 forever)
            LOG.info(
                    "Could not remove the CATS webhook of account {}: {}",
                    accountId,
                    p.code().code());
        }
        subscriptions.delete(tenantId, accountId);
    }

    private void deleteRemote(ConnectorContext ctx, String remoteId) {
        if (remoteId == null) return;
        try (RawResponse ignored = ctx.stream(
                "DELETE", ctx.uri("/webhooks/" + remoteId, Map.of()), Map.of("Accept", List.of("*/*")), null, false)) {
            LOG.info("Removed CATS webhook {} of account {}", remoteId, ctx.accountId());
        } catch (ApiProblem p) {
            LOG.info("Could not remove CATS webhook {}: {}", remoteId, p.code().code());
        }
    }

    /**
     * The subscription a delivery belongs to, if its token is known and its signature verifies; empty otherwise
     * (the caller answers both the same way). The HMAC is computed even for an unknown token, so the answer time does
     * not tell a known token from an unknown one either.
     */
    Optional<SubscriptionStore.Subscription> verify(
            String provider, String token, byte[] body, @Nullable String requestId, @Nullable String signature) {
        Optional<SubscriptionStore.Subscription> s = subscriptions.byTokenHash(provider, Ids.sha256Hex(token));
        String secret = s.flatMap(sub -> vault.load(new SecretRef(sub.tenantId(), sub.accountId(), PURPOSE)))
                .map(c -> c.get("secret"))
                .orElse("unknown-token-" + token);
        byte[] expected = ("HMAC-SHA256 " + catsSignature(secret, body, requestId == null ? "" : requestId))
                .getBytes(StandardCharsets.UTF_8);
        byte[] given = signature == null ? new byte[0] : signature.trim().getBytes(StandardCharsets.UTF_8);
        boolean ok = MessageDigest.isEqual(expected, given);
        return ok && requestId != null && s.isPresent() ? s : Optional.empty();
    }

    /** CATS: hex(HMAC-SHA256(key = secret, message = raw body + X-Request-Id)). */
    static String catsSignature(String secret, byte[] body, String requestId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(body);
            mac.update(requestId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String lastSegment(String location) {
        if (location == null || location.isBlank()) return null;
        String l = location.replaceAll("/+$", "");
        int q = l.indexOf('?');
        if (q >= 0) l = l.substring(0, q);
        return l.substring(l.lastIndexOf('/') + 1);
    }
}
