package dev.interlink.platform.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.model.ats.UnifiedRecord;
import dev.interlink.platform.ats.CallAccount;
import dev.interlink.platform.ats.Connectors;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.provider.ResourceOps;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A verified provider delivery into the engine. The payload only says what changed ({@code event},
 * {@code <resource>_id}); the record is fetched through the connector and compared like a poll's, so a webhook and a
 * poll that see the same change emit it once. The delivery id ({@code X-Request-Id}) is claimed on the same
 * transaction as the engine's state: a redelivery after success is a duplicate, one after a failure is retried.
 */
@Singleton
class InboundDeliveries {
    private static final Logger LOG = LoggerFactory.getLogger(InboundDeliveries.class);

    enum Outcome {
        ACCEPTED,
        DUPLICATE,
        IGNORED
    }

    /** CATS payload prefixes (cats-api.md §5.9) by the unified resource they change. */
    static final Map<String, AtsResource> CATS_RESOURCES =
            Map.of("pipeline", AtsResource.APPLICATIONS, "candidate", AtsResource.CANDIDATES, "job", AtsResource.JOBS);

    private final SubscriptionStore subscriptions;
    private final CallAccount accounts;
    private final Connectors connectors;
    private final ChangeEngine engine;
    private final AccountPoller poller;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

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

    Outcome take(SubscriptionStore.Subscription sub, String deliveryId, byte[] body) {
        if (subscriptions.seen(sub.accountId(), deliveryId)) return Outcome.DUPLICATE;
        JsonNode payload;
        try {
            payload = json.readTree(body);
        } catch (IOException e) {
            payload = null;
        }
        String event = payload == null ? null : payload.path("event").asText(null);
        String[] parts = event == null ? new String[0] : event.split("\\.", 2);
        AtsResource resource = parts.length == 2 ? CATS_RESOURCES.get(parts[0]) : null;
        String remoteId =
                resource == null ? null : payload.path(parts[0] + "_id").asText(null);
        if (resource == null || remoteId == null || remoteId.isBlank() || parts[1].equals("deleted")) {
            return claimOnly(sub, deliveryId);
        }
        JsonNode record;
        try {
            ConnectorContext ctx =
                    accounts.resolve(sub.tenantId(), sub.accountId().toString());
            ResourceOps<?> ops = Connectors.ops(connectors.connector(ctx.provider()), resource);
            UnifiedRecord r = ops.get().get(ctx, RemoteKey.of(remoteId));
            record = poller.tree(r);
        } catch (ApiProblem p) {
            // gone at the provider, or the account cannot be called: nothing to compare; a poll catches up later
            LOG.info(
                    "Webhook {} of account {} not applied: {}",
                    event,
                    sub.accountId(),
                    p.code().code());
            return claimOnly(sub, deliveryId);
        }
        Instant changedAt = date(payload.path("date").asText(null));
        boolean stageMove = "pipeline.status_changed".equals(event);
        return tx.executeWrite(status -> {
            if (!subscriptions.claim(sub.accountId(), deliveryId, clock.instant())) return Outcome.DUPLICATE;
            engine.observe(new ChangeEngine.Observation(
                    sub.tenantId(),
                    sub.accountId(),
                    sub.provider(),
                    resource,
                    record,
                    Source.PROVIDER_WEBHOOK,
                    false,
                    stageMove,
                    changedAt));
            return Outcome.ACCEPTED;
        });
    }

    private Outcome claimOnly(SubscriptionStore.Subscription sub, String deliveryId) {
        return subscriptions.claim(sub.accountId(), deliveryId, clock.instant()) ? Outcome.IGNORED : Outcome.DUPLICATE;
    }

    static Instant date(String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
