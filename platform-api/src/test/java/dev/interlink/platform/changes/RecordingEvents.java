package dev.interlink.platform.changes;

import dev.interlink.platform.events.Events;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test stand-in for the outbox: records every published event, and whether a
 * transaction was open when it was published (the contract of {@link Events}: publish on the state change's
 * transaction). Active in the tests of this package only ({@code interlink.changes.test.record-events=true}).
 */
@Singleton
@Requires(env = "test")
@Requires(property = "interlink.changes.test.record-events", value = "true")
@Replaces(Events.class)
public class RecordingEvents implements Events {
    public record Published(
            UUID tenantId, String type, Map<String, Object> data, boolean inTransaction, long atNanos) {}

    private final List<Published> published = new CopyOnWriteArrayList<>();
    private final TransactionOperations<Connection> tx;

    public RecordingEvents(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    @Override
    public void publish(UUID tenantId, String type, Map<String, Object> data) {
        published.add(
                new Published(tenantId, type, data, tx.findTransactionStatus().isPresent(), System.nanoTime()));
    }

    /** What the change engine published: the {@code ats.*} events (account lifecycle events are the outbox's tests'). */
    public List<Published> all() {
        return published.stream().filter(p -> p.type().startsWith("ats.")).toList();
    }

    public List<Published> ofType(String type) {
        return published.stream().filter(p -> p.type().equals(type)).toList();
    }

    public void clear() {
        published.clear();
    }
}
