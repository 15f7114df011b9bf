package dev.interlink.platform.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The numbers on the admin overview, always for one tenant: accounts by provider and status, request volume. */
@Singleton
public class AdminOverview {
    private final JdbcOperations jdbc;
    private final Clock clock;

    public AdminOverview(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record AccountCount(String provider, String status, long count) {}

    public record AccountNeedingReauth(
            UUID id,
            String provider,
            String endUserId,
            @Nullable String endUserName,
            @Nullable String statusReason,
            Instant statusChangedAt) {}

    public record Bucket(Instant start, long requests, long errors) {}

    public record Overview(
            List<AccountCount> accounts,
            List<AccountNeedingReauth> needsReauth,
            List<Bucket> last24Hours,
            List<Bucket> last7Days) {}

    @Transactional(readOnly = true)
    public Overview of(UUID tenantId) {
        Instant now = clock.instant();
        return new Overview(
                counts(tenantId),
                needsReauth(tenantId),
                buckets(tenantId, now.truncatedTo(ChronoUnit.HOURS), 24, "1 hour"),
                buckets(tenantId, now.truncatedTo(ChronoUnit.DAYS), 7, "1 day"));
    }

    private List<AccountCount> counts(UUID tenantId) {
        return query(
                """
                SELECT provider, status, count(*) FROM integrated_account
                WHERE tenant_id = ? AND deleted_at IS NULL GROUP BY provider, status ORDER BY provider, status""",
                ps -> ps.setObject(1, tenantId),
                rs -> new AccountCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
    }

    private List<AccountNeedingReauth> needsReauth(UUID tenantId) {
        return query(
                """
                SELECT id, provider, end_user_id, end_user_name, status_reason, status_changed_at
                FROM integrated_account WHERE tenant_id = ? AND deleted_at IS NULL AND status = 'needs_reauth'
                ORDER BY status_changed_at DESC LIMIT 50""",
                ps -> ps.setObject(1, tenantId),
                rs -> new AccountNeedingReauth(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant()));
    }

    /** {@code count} buckets of {@code step}, the last one starting at {@code lastStart}; empty ones are 0. */
    private List<Bucket> buckets(UUID tenantId, Instant lastStart, int count, String step) {
        String sql =
                """
                SELECT b.start, count(r.id), count(r.id) FILTER (WHERE r.status >= 400)
                FROM generate_series(?::timestamptz - (? * interval '%1$s'), ?::timestamptz, interval '%1$s') AS b(start)
                LEFT JOIN request_log r ON r.tenant_id = ? AND r.created_at >= b.start
                                       AND r.created_at < b.start + interval '%1$s'
                GROUP BY b.start ORDER BY b.start"""
                        .formatted(step);
        return query(
                sql,
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(lastStart));
                    ps.setInt(2, count - 1);
                    ps.setTimestamp(3, Timestamp.from(lastStart));
                    ps.setObject(4, tenantId);
                },
                rs -> new Bucket(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getLong(3)));
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface Mapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Binder binder, Mapper<T> mapper) {
        return jdbc.prepareStatement(sql, ps -> {
            binder.bind(ps);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        });
    }
}
