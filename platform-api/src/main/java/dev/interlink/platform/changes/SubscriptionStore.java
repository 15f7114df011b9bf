package dev.interlink.platform.changes;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Provider webhook subscriptions ({@code change_subscription}) and inbound dedupe ({@code change_inbound_delivery}). */
@Singleton
class SubscriptionStore {
    private final JdbcOperations jdbc;

    SubscriptionStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    record Subscription(UUID accountId, UUID tenantId, String provider, String remoteWebhookId) {}

    @Transactional(readOnly = true)
    Optional<Subscription> byAccount(UUID accountId) {
        return one(
                "SELECT account_id, tenant_id, provider, remote_webhook_id FROM change_subscription"
                        + " WHERE account_id = ?",
                accountId);
    }

    /** By the SHA-256 of the inbound token; only an active, not deleted account's subscription answers. */
    @Transactional(readOnly = true)
    Optional<Subscription> byTokenHash(String provider, String tokenSha256) {
        return jdbc.prepareStatement(
                """
                SELECT s.account_id, s.tenant_id, s.provider, s.remote_webhook_id FROM change_subscription s
                  JOIN integrated_account a ON a.id = s.account_id AND a.tenant_id = s.tenant_id
                 WHERE s.token_sha256 = ? AND s.provider = ? AND a.deleted_at IS NULL""",
                ps -> {
                    ps.setString(1, tokenSha256);
                    ps.setString(2, provider);
                    return read(ps.executeQuery());
                });
    }

    /**
     * Stores the subscription and, on the same transaction, its secret ({@code storeSecret}); false (and no secret
     * written) when another replica subscribed the account first.
     */
    @Transactional
    boolean insert(Subscription s, String tokenSha256, Instant now, Runnable storeSecret) {
        boolean inserted = jdbc.prepareStatement(
                        """
                        INSERT INTO change_subscription (account_id, tenant_id, provider, token_sha256,
                                                         remote_webhook_id, created_at)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account_id) DO NOTHING""",
                        ps -> {
                            ps.setObject(1, s.accountId());
                            ps.setObject(2, s.tenantId());
                            ps.setString(3, s.provider());
                            ps.setString(4, tokenSha256);
                            ps.setString(5, s.remoteWebhookId());
                            ps.setTimestamp(6, Timestamp.from(now));
                            return ps.executeUpdate();
                        })
                == 1;
        if (inserted) storeSecret.run();
        return inserted;
    }

    @Transactional
    void delete(UUID tenantId, UUID accountId) {
        jdbc.prepareStatement("DELETE FROM change_subscription WHERE tenant_id = ? AND account_id = ?", ps -> {
            ps.setObject(1, tenantId);
            ps.setObject(2, accountId);
            return ps.executeUpdate();
        });
    }

    @Transactional(readOnly = true)
    boolean seen(UUID accountId, String deliveryId) {
        return jdbc.prepareStatement(
                "SELECT 1 FROM change_inbound_delivery WHERE account_id = ? AND delivery_id = ?", ps -> {
                    ps.setObject(1, accountId);
                    ps.setString(2, deliveryId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next();
                    }
                });
    }

    /** On the caller's transaction: true for the first delivery with this id. */
    @Transactional
    boolean claim(UUID accountId, String deliveryId, Instant now) {
        return jdbc.prepareStatement(
                        """
                        INSERT INTO change_inbound_delivery (account_id, delivery_id, received_at) VALUES (?, ?, ?)
                        ON CONFLICT DO NOTHING""",
                        ps -> {
                            ps.setObject(1, accountId);
                            ps.setString(2, deliveryId);
                            ps.setTimestamp(3, Timestamp.from(now));
                            return ps.executeUpdate();
                        })
                == 1;
    }

    /** Dedupe rows only need to outlive the provider's redelivery window. */
    @Transactional
    int purgeDeliveries(Instant before) {
        return jdbc.prepareStatement("DELETE FROM change_inbound_delivery WHERE received_at < ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        });
    }

    private Optional<Subscription> one(String sql, UUID id) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, id);
            return read(ps.executeQuery());
        });
    }

    private static Optional<Subscription> read(ResultSet rs) throws java.sql.SQLException {
        try (rs) {
            if (!rs.next()) return Optional.empty();
            return Optional.of(new Subscription(
                    rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4)));
        }
    }
}
