package dev.interlink.platform.log;

import dev.interlink.platform.account.PageCursor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads and purges the request log; every read is scoped to one tenant. */
@Singleton
public class RequestLogRepository {
    private static final String COLUMNS = "id, tenant_id, api_client_id, account_id, method, route, status,"
            + " duration_ms, remote_duration_ms, request_id, created_at";

    private final JdbcOperations jdbc;

    public RequestLogRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    public record Filter(
            @Nullable UUID accountId,
            @Nullable Integer status,
            @Nullable Integer statusClass,
            @Nullable String route,
            @Nullable Instant from,
            @Nullable Instant to) {}

    @Transactional
    public List<RequestLogEntry> list(UUID tenantId, Filter f, @Nullable PageCursor after, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from request_log where tenant_id = ?");
        List<Object> args = new ArrayList<>();
        args.add(tenantId);
        if (f.accountId() != null) {
            sql.append(" and account_id = ?");
            args.add(f.accountId());
        }
        if (f.status() != null) {
            sql.append(" and status = ?");
            args.add(f.status());
        }
        if (f.statusClass() != null) {
            sql.append(" and status >= ? and status < ?");
            args.add(f.statusClass() * 100);
            args.add(f.statusClass() * 100 + 100);
        }
        if (f.route() != null) {
            sql.append(" and route = ?");
            args.add(f.route());
        }
        if (f.from() != null) {
            sql.append(" and created_at >= ?");
            args.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            sql.append(" and created_at < ?");
            args.add(Timestamp.from(f.to()));
        }
        if (after != null) {
            sql.append(" and (created_at, id) < (?, ?)");
            args.add(Timestamp.from(after.at()));
            args.add(Long.parseLong(after.id()));
        }
        sql.append(" order by created_at desc, id desc limit ?");
        args.add(limit + 1);
        return jdbc.prepareStatement(sql.toString(), ps -> {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<RequestLogEntry> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(map(rs));
                }
            }
            return rows;
        });
    }

    @Transactional
    public Optional<RequestLogEntry> find(UUID tenantId, long id) {
        return jdbc.prepareStatement("select " + COLUMNS + " from request_log where tenant_id = ? and id = ?", ps -> {
            ps.setObject(1, tenantId);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.<RequestLogEntry>empty();
            }
        });
    }

    @Transactional
    public int purgeBefore(Instant before) {
        return jdbc.prepareStatement("delete from request_log where created_at < ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        });
    }

    private static RequestLogEntry map(ResultSet rs) throws SQLException {
        long remote = rs.getLong(9);
        Long remoteMs = rs.wasNull() ? null : remote;
        return new RequestLogEntry(
                rs.getLong(1),
                rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class),
                rs.getString(5),
                rs.getString(6),
                rs.getInt(7),
                rs.getInt(8),
                remoteMs,
                rs.getString(10),
                rs.getTimestamp(11).toInstant());
    }
}
