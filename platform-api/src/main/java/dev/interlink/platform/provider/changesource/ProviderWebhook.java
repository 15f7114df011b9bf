package dev.interlink.platform.provider.changesource;

import dev.interlink.platform.provider.ConnectorContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Webhooks a provider pushes to us (the change-detection SPI, docs/adding-a-connector.md). The engine owns the inbound
 * route ({@code /inbound/<provider>/<token>}), the per-account token, the secret's storage, deduplication and the
 * events; an implementation owns only what is the provider's: how to register and remove our target there, how its
 * signature is checked, and what a payload says changed. A provider offers one by declaring a bean;
 * {@link #provider()} is its catalog id.
 */
public interface ProviderWebhook {
    String provider();

    /** Registers {@code targetUrl} at the provider account; a provider error is thrown as an {@code ApiProblem}. */
    Registration register(ConnectorContext ctx, String targetUrl);

    /** Removes what {@link #register} created (best effort: the caller logs and goes on if it throws). */
    void unregister(ConnectorContext ctx, String remoteId);

    /**
     * The delivery, if its signature verifies with {@code secret} (and, where the provider's scheme asks for it, its
     * timestamp is recent at {@code now}); empty otherwise. Called with a decoy secret for an unknown token, so it
     * must do the same work either way.
     */
    Optional<Inbound> verify(InboundRequest request, String secret, Instant now);

    /**
     * What to keep after a registration: the provider's id(s) of what was created (opaque, given back to
     * {@link #unregister}) and the secret deliveries are signed with (ours or the provider's; stored in the vault).
     */
    record Registration(String remoteId, String secret) {}

    /** An inbound request as received: headers by case-insensitive name, the raw body. */
    record InboundRequest(Function<String, String> header, byte[] body) {}

    /**
     * A verified delivery: the provider's delivery id (redeliveries repeat it; the engine drops duplicates) and what
     * it says changed (empty: nothing the engine follows, the delivery is only acknowledged).
     */
    record Inbound(String deliveryId, List<ChangeHint> hints) {}
}
