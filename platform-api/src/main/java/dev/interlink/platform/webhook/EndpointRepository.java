package dev.interlink.platform.webhook;

import dev.interlink.platform.account.PageCursor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Webhook endpoints in PostgreSQL; every query filters on the caller's tenant. */
@Singleton
public class EndpointRepository {
    private static final String COLUMNS = "id, tenant_id, url, event_types, description, status, disabled_reason,"
            + " previous_secret_expires_at, failing_since, created_at, updated_at";

    private final JdbcOperations jdbc;

    public EndpointRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void insert(WebhookEndpoint e) {
        jdbc.prepareStatement(
                """
                insert into webhook_endpoint (id, tenant_id, url, event_types, description, status, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                ps -> {
                    ps.setObject(1, e.id());
                    ps.setObject(2, e.tenantId());
                    ps.setString(3, e.url());
                    ps.setArray(
                            4,
                            ps.getConnection()
                                    .createArrayOf("text", e.eventTypes().toArray()));
                    ps.setString(5, e.description());
                    ps.setString(6, e.status());
                    ps.setTimestamp(7, Timestamp.from(e.createdAt()));
                    ps.setTimestamp(8, Timestamp.from(e.updatedAt()));
                    return ps.executeUpdate();
                });
    }

    @Transactional
    public Optional<WebhookEndpoint> find(UUID tenantId, UUID id) {
        return one("select " + COLUMNS + " from webhook_endpoint where tenant_id = ? and id = ?", tenantId, id);
    }

    @Transactional
    public Optional<WebhookEndpoint> findForUpdate(UUID tenantId, UUID id) {
        return one(
                "select " + COLUMNS + " from webhook_endpoint where tenant_id = ? and id = ? for update", tenantId, id);
    }

    /** For the worker, which has only the delivery's endpoint id. */
    @Transactional
    public Optional<WebhookEndpoint> findById(UUID id) {
        return jdbc.prepareStatement("select " + COLUMNS + " from webhook_endpoint where id = ?", ps -> {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.<WebhookEndpoint>empty();
            }
        });
    }

    private Optional<WebhookEndpoint> one(String sql, UUID tenantId, UUID id) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, tenantId);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.<WebhookEndpoint>empty();
            }
        });
    }

    /** The active endpoints of one tenant (publish matches their event types). */
    @Transactional
    public List<WebhookEndpoint> active(UUID tenantId) {
        return jdbc.prepareStatement(
                "select " + COLUMNS + " from webhook_endpoint where tenant_id = ? and status = 'active'", ps -> {
                    ps.setObject(1, tenantId);
                    return rows(ps.executeQuery());
                });
    }

    /** Newest first, keyset-paginated; up to {@code limit + 1} rows (the extra one means "more"). */
    @Transactional
    public List<WebhookEndpoint> list(UUID tenantId, @Nullable PageCursor after, int limit) {
        String sql = "select " + COLUMNS + " from webhook_endpoint where tenant_id = ?"
                + (after == null ? "" : " and (created_at, id) < (?, ?)")
                + " order by created_at desc, id desc limit ?";
        return jdbc.prepareStatement(sql, ps -> {
            int i = 1;
            ps.setObject(i++, tenantId);
            if (after != null) {
                ps.setTimestamp(i++, Timestamp.from(after.at()));
                ps.setObject(i++, UUID.fromString(after.id()));
            }
            ps.setInt(i, limit + 1);
            return rows(ps.executeQuery());
        });
    }

    @Transactional
    public void update(
            UUID tenantId, UUID id, String url, List<String> eventTypes, @Nullable String description, Instant now) {
        jdbc.prepareStatement(
                "update webhook_endpoint set url = ?, event_types = ?, description = ?, updated_at = ?"
                        + " where tenant_id = ? and id = ?",
                ps -> {
                    ps.setString(1, url);
                    ps.setArray(2, ps.getConnection().createArrayOf("text", eventTypes.toArray()));
                    ps.setString(3, description);
                    ps.setTimestamp(4, Timestamp.from(now));
                    ps.setObject(5, tenantId);
                    ps.setObject(6, id);
                    return ps.executeUpdate();
                });
    }

    /** Enabling clears the reason and the failure run; disabling records why. */
    @Transactional
    public boolean setStatus(UUID id, String status, @Nullable String reason, Instant now) {
        return jdbc.prepareStatement(
                        """
                        update webhook_endpoint set status = ?, disabled_reason = ?, updated_at = ?,
                          failing_since = case when ? = 'active' then null else failing_since end
                        where id = ? and status <> ?
                        """,
                        ps -> {
                            ps.setString(1, status);
                            ps.setString(2, reason);
                            ps.setTimestamp(3, Timestamp.from(now));
                            ps.setString(4, status);
                            ps.setObject(5, id);
                            ps.setString(6, status);
                            return ps.executeUpdate();
                        })
                > 0;
    }

    @Transactional
    public void setPreviousSecretExpiry(UUID id, Instant expiresAt, Instant now) {
        jdbc.prepareStatement(
                "update webhook_endpoint set previous_secret_expires_at = ?, updated_at = ? where id = ?", ps -> {
                    ps.setTimestamp(1, Timestamp.from(expiresAt));
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setObject(3, id);
                    return ps.executeUpdate();
                });
    }

    /** A successful attempt ends the failure run. */
    @Transactional
    public void recordSuccess(UUID id) {
        jdbc.prepareStatement(
                "update webhook_endpoint set failing_since = null where id = ? and failing_since is not null", ps -> {
                    ps.setObject(1, id);
                    return ps.executeUpdate();
                });
    }

    /** A failed attempt starts (or continues) the failure run; returns when the run started. */
    @Transactional
    public Optional<Instant> recordFailure(UUID id, Instant now) {
        return jdbc.prepareStatement(
                "update webhook_endpoint set failing_since = coalesce(failing_since, ?) where id = ?"
                        + " returning failing_since",
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setObject(2, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.<Instant>empty();
                    }
                });
    }

    @Transactional
    public boolean delete(UUID tenantId, UUID id) {
        return jdbc.prepareStatement("delete from webhook_endpoint where tenant_id = ? and id = ?", ps -> {
                    ps.setObject(1, tenantId);
                    ps.setObject(2, id);
                    return ps.executeUpdate();
                })
                > 0;
    }

    private static List<WebhookEndpoint> rows(ResultSet rs) throws SQLException {
        try (rs) {
            List<WebhookEndpoint> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(map(rs));
            }
            return rows;
        }
    }

    private static WebhookEndpoint map(ResultSet rs) throws SQLException {
        Array types = rs.getArray(4);
        return new WebhookEndpoint(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                List.copyOf(Arrays.asList((String[]) types.getArray())),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                instant(rs.getTimestamp(8)),
                instant(rs.getTimestamp(9)),
                rs.getTimestamp(10).toInstant(),
                rs.getTimestamp(11).toInstant());
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
