package dev.interlink.platform.idempotency;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** The idempotency_record table: claims, outcomes, expiry. Each method is one short transaction. */
@Singleton
public class IdempotencyStore {
    private final JdbcOperations jdbc;
    private final Duration ttl;

    public IdempotencyStore(JdbcOperations jdbc, @Value("${interlink.idempotency.ttl:24h}") Duration ttl) {
        this.jdbc = jdbc;
        this.ttl = ttl;
    }

    public record Stored(String hash, Integer status, String contentType, String location, String body) {}

    @Transactional
    public boolean claim(UUID tenantId, String key, String hash) {
        jdbc.prepareStatement(
                "DELETE FROM idempotency_record WHERE tenant_id = ? AND idempotency_key = ? AND created_at < now() - ?::interval",
                ps -> {
                    ps.setObject(1, tenantId);
                    ps.setString(2, key);
                    ps.setString(3, ttl.toSeconds() + " seconds");
                    return ps.executeUpdate();
                });
        return jdbc.prepareStatement(
                        """
                        INSERT INTO idempotency_record (tenant_id, idempotency_key, request_hash) VALUES (?, ?, ?)
                        ON CONFLICT DO NOTHING""",
                        ps -> {
                            ps.setObject(1, tenantId);
                            ps.setString(2, key);
                            ps.setString(3, hash);
                            return ps.executeUpdate();
                        })
                == 1;
    }

    @Transactional
    public void complete(UUID tenantId, String key, int status, String contentType, String location, String body) {
        jdbc.prepareStatement(
                """
                UPDATE idempotency_record SET status = ?, content_type = ?, location = ?, body = ?, completed_at = now()
                WHERE tenant_id = ? AND idempotency_key = ?""",
                ps -> {
                    ps.setInt(1, status);
                    ps.setString(2, contentType);
                    ps.setString(3, location);
                    ps.setString(4, body);
                    ps.setObject(5, tenantId);
                    ps.setString(6, key);
                    return ps.executeUpdate();
                });
    }

    @Transactional
    public void release(UUID tenantId, String key) {
        jdbc.prepareStatement(
                "DELETE FROM idempotency_record WHERE tenant_id = ? AND idempotency_key = ? AND status IS NULL", ps -> {
                    ps.setObject(1, tenantId);
                    ps.setString(2, key);
                    return ps.executeUpdate();
                });
    }

    @Transactional
    public Optional<Stored> find(UUID tenantId, String key) {
        return jdbc.prepareStatement(
                "SELECT request_hash, status, content_type, location, body FROM idempotency_record WHERE tenant_id = ? AND idempotency_key = ?",
                ps -> {
                    ps.setObject(1, tenantId);
                    ps.setString(2, key);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.empty();
                        }
                        Integer status = rs.getObject(2) == null ? null : rs.getInt(2);
                        return Optional.of(
                                new Stored(rs.getString(1), status, rs.getString(3), rs.getString(4), rs.getString(5)));
                    }
                });
    }

    /** Deletes records past their time to live; called by the purge job. */
    @Transactional
    public int purgeExpired() {
        return jdbc.prepareStatement("DELETE FROM idempotency_record WHERE created_at < now() - ?::interval", ps -> {
            ps.setString(1, ttl.toSeconds() + " seconds");
            return ps.executeUpdate();
        });
    }
}
