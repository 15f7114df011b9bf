package dev.interlink.platform.observability;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/** Reads the webhook outbox's backlog: pending deliveries (due or waiting for a retry) and the oldest one's age. */
@Singleton
public class OutboxStats {
    /** {@code depth} pending deliveries; {@code oldestAgeSeconds} 0 when there is none. */
    public record Snapshot(long depth, double oldestAgeSeconds) {}

    private final JdbcOperations jdbc;

    public OutboxStats(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Snapshot read() {
        return jdbc.prepareStatement(
                // the partial index webhook_delivery_due holds exactly the pending rows (V0060)
                """
                select count(*), coalesce(extract(epoch from now() - min(created_at)), 0)
                from webhook_delivery where status = 'pending'
                """,
                ps -> {
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return new Snapshot(rs.getLong(1), rs.getDouble(2));
                    }
                });
    }
}
