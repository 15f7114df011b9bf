package dev.interlink.platform.changes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.model.ats.UnifiedRecord;
import dev.interlink.platform.ats.CallAccount;
import dev.interlink.platform.ats.Connectors;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.provider.ResourceOps;
import dev.interlink.platform.provider.changesource.ChangeHint;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A verified provider delivery into the engine. The payload only says what changed (the provider's
 * {@link ChangeHint}s); each record is fetched through the connector and compared like a poll's, so a webhook and a
 * poll that see the same change emit it once. The delivery id is claimed on the same transaction as the engine's
 * state: a redelivery after success is a duplicate, one after a failure is retried.
 */
@Singleton
class InboundDeliveries {
    private static final Logger LOG = LoggerFactory.getLogger(InboundDeliveries.class);

    enum Outcome {
        ACCEPTED,
        DUPLICATE,
        IGNORED
    }

    private final SubscriptionStore subscriptions;
    private final CallAccount accounts;
    private final Connectors connectors;
    private final ChangeEngine engine;
    private final AccountPoller poller;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    InboundDeliveries(
            SubscriptionStore subscriptions,
            CallAccount accounts,
            Connectors connectors,
            ChangeEngine engine,
            AccountPoller poller,
            TransactionOperations<Connection> tx,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.accounts = accounts;
        this.connectors = connectors;
        this.engine = engine;
        this.poller = poller;
        this.tx = tx;
        this.clock = clock;
    }

    /** A record fetched for one hint. */
    private record Fetched(ChangeHint hint, JsonNode record) {}

    Outcome take(ProviderWebhooks.Verified delivery) {
        SubscriptionStore.Subscription sub = delivery.subscription();
        String deliveryId = delivery.inbound().deliveryId();
        if (subscriptions.seen(sub.accountId(), deliveryId)) return Outcome.DUPLICATE;
        List<Fetched> fetched = new ArrayList<>();
        for (ChangeHint hint : delivery.inbound().hints()) {
            try {
                ConnectorContext ctx =
                        accounts.resolve(sub.tenantId(), sub.accountId().toString());
                ResourceOps<?> ops = Connectors.ops(connectors.connector(ctx.provider()), hint.resource());
                UnifiedRecord r = ops.get().get(ctx, RemoteKey.of(hint.remoteId()));
                fetched.add(new Fetched(hint, poller.tree(r)));
            } catch (ApiProblem p) {
                // gone at the provider, or the account cannot be called: nothing to compare; a poll catches up later
                LOG.info(
                        "A {} webhook of account {} not applied: {}",
                        hint.resource().path(),
                        sub.accountId(),
                        p.code().code());
            }
        }
        if (fetched.isEmpty()) return claimOnly(sub, deliveryId);
        return tx.executeWrite(status -> {
            if (!subscriptions.claim(sub.accountId(), deliveryId, clock.instant())) return Outcome.DUPLICATE;
            for (Fetched f : fetched) {
                engine.observe(new ChangeEngine.Observation(
                        sub.tenantId(),
                        sub.accountId(),
                        sub.provider(),
                        f.hint().resource(),
                        f.record(),
                        Source.PROVIDER_WEBHOOK,
                        false,
                        f.hint().stageMove(),
                        f.hint().changedAt()));
            }
            return Outcome.ACCEPTED;
        });
    }

    private Outcome claimOnly(SubscriptionStore.Subscription sub, String deliveryId) {
        return subscriptions.claim(sub.accountId(), deliveryId, clock.instant()) ? Outcome.IGNORED : Outcome.DUPLICATE;
    }
}
