package dev.interlink.platform.account;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Integrated accounts in PostgreSQL. Every query takes the tenant id (from the principal) and filters on it,
 * so another tenant's account is indistinguishable from a missing one.
 */
@Singleton
public class AccountRepository {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final String COLUMNS = "id, tenant_id, provider, end_user_id, end_user_name, end_user_email, status,"
            + " status_reason, status_changed_at, context::text, created_at, updated_at, last_used_at";

    private final JdbcOperations jdbc;
    private final ObjectMapper json;

    public AccountRepository(JdbcOperations jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public record Filter(@Nullable String provider, @Nullable AccountStatus status, @Nullable String endUserId) {}

    @Transactional
    public void insert(IntegratedAccount a) {
        jdbc.prepareStatement(
                """
                insert into integrated_account (id, tenant_id, provider, end_user_id, end_user_name, end_user_email,
                  status, status_reason, status_changed_at, context, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                """,
                ps -> {
                    ps.setObject(1, a.id());
                    ps.setObject(2, a.tenantId());
                    ps.setString(3, a.provider());
                    ps.setString(4, a.endUser().id());
                    ps.setString(5, a.endUser().name());
                    ps.setString(6, a.endUser().email());
                    ps.setString(7, a.status().wire());
                    ps.setString(8, a.statusReason());
                    ps.setTimestamp(9, Timestamp.from(a.statusChangedAt()));
                    ps.setString(10, write(a.context()));
                    ps.setTimestamp(11, Timestamp.from(a.createdAt()));
                    ps.setTimestamp(12, Timestamp.from(a.updatedAt()));
                    return ps.executeUpdate();
                });
        addHistory(a.tenantId(), a.id(), a.status(), a.statusReason(), a.statusChangedAt());
    }

    @Transactional
    public Optional<IntegratedAccount> find(UUID tenantId, UUID id) {
        return one(
                "select " + COLUMNS + " from integrated_account where tenant_id = ? and id = ? and deleted_at is null",
                tenantId,
                id);
    }

    /** The row, locked until the end of the transaction (serializes status changes and re-authorizations). */
    @Transactional
    public Optional<IntegratedAccount> findForUpdate(UUID tenantId, UUID id) {
        return one(
                "select " + COLUMNS
                        + " from integrated_account where tenant_id = ? and id = ? and deleted_at is null for update",
                tenantId,
                id);
    }

    private Optional<IntegratedAccount> one(String sql, UUID tenantId, UUID id) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, tenantId);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.<IntegratedAccount>empty();
            }
        });
    }

    /** Newest first, keyset-paginated. Returns up to {@code limit + 1} rows (the extra one means "more"). */
    @Transactional
    public List<IntegratedAccount> list(UUID tenantId, Filter filter, @Nullable PageCursor after, int limit) {
        StringBuilder sql = new StringBuilder(
                "select " + COLUMNS + " from integrated_account where tenant_id = ? and deleted_at is null");
        List<Object> args = new ArrayList<>();
        args.add(tenantId);
        if (filter.provider() != null) {
            sql.append(" and provider = ?");
            args.add(filter.provider());
        }
        if (filter.status() != null) {
            sql.append(" and status = ?");
            args.add(filter.status().wire());
        }
        if (filter.endUserId() != null) {
            sql.append(" and end_user_id = ?");
            args.add(filter.endUserId());
        }
        if (after != null) {
            sql.append(" and (created_at, id) < (?, ?)");
            args.add(Timestamp.from(after.at()));
            args.add(UUID.fromString(after.id()));
        }
        sql.append(" order by created_at desc, id desc limit ?");
        args.add(limit + 1);
        return jdbc.prepareStatement(sql.toString(), ps -> {
            bind(ps, args);
            List<IntegratedAccount> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(map(rs));
                }
            }
            return rows;
        });
    }

    @Transactional
    public void setStatus(UUID tenantId, UUID id, AccountStatus status, @Nullable String reason, Instant now) {
        int n = jdbc.prepareStatement(
                """
                update integrated_account set status = ?, status_reason = ?, status_changed_at = ?, updated_at = ?
                where tenant_id = ? and id = ? and deleted_at is null
                """,
                ps -> {
                    ps.setString(1, status.wire());
                    ps.setString(2, reason);
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setTimestamp(4, Timestamp.from(now));
                    ps.setObject(5, tenantId);
                    ps.setObject(6, id);
                    return ps.executeUpdate();
                });
        if (n > 0) {
            addHistory(tenantId, id, status, reason, now);
        }
    }

    @Transactional
    public void setContext(UUID tenantId, UUID id, Map<String, Object> context, Instant now) {
        jdbc.prepareStatement(
                "update integrated_account set context = ?::jsonb, updated_at = ? where tenant_id = ? and id = ?"
                        + " and deleted_at is null",
                ps -> {
                    ps.setString(1, write(context));
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setObject(3, tenantId);
                    ps.setObject(4, id);
                    return ps.executeUpdate();
                });
    }

    @Transactional
    public void touchUpdated(UUID tenantId, UUID id, Instant now) {
        jdbc.prepareStatement("update integrated_account set updated_at = ? where tenant_id = ? and id = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, tenantId);
            ps.setObject(3, id);
            return ps.executeUpdate();
        });
    }

    /** Sets {@code last_used_at} unless it was set less than {@code minGapSeconds} ago (cheap, throttled). */
    @Transactional
    public void touchLastUsed(UUID tenantId, UUID id, Instant now, long minGapSeconds) {
        jdbc.prepareStatement(
                """
                update integrated_account set last_used_at = ?
                where tenant_id = ? and id = ? and (last_used_at is null or last_used_at < ?)
                """,
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setObject(2, tenantId);
                    ps.setObject(3, id);
                    ps.setTimestamp(4, Timestamp.from(now.minusSeconds(minGapSeconds)));
                    return ps.executeUpdate();
                });
    }

    @Transactional
    public boolean softDelete(UUID tenantId, UUID id, Instant now) {
        return jdbc.prepareStatement(
                        "update integrated_account set deleted_at = ?, updated_at = ? where tenant_id = ? and id = ?"
                                + " and deleted_at is null",
                        ps -> {
                            ps.setTimestamp(1, Timestamp.from(now));
                            ps.setTimestamp(2, Timestamp.from(now));
                            ps.setObject(3, tenantId);
                            ps.setObject(4, id);
                            return ps.executeUpdate();
                        })
                > 0;
    }

    /** Hard-deletes accounts soft-deleted before {@code before} (their history goes with them). */
    @Transactional
    public int purgeDeleted(Instant before) {
        return jdbc.prepareStatement(
                "delete from integrated_account where deleted_at is not null and deleted_at < ?", ps -> {
                    ps.setTimestamp(1, Timestamp.from(before));
                    return ps.executeUpdate();
                });
    }

    @Transactional
    public List<StatusChange> history(UUID tenantId, UUID id) {
        return jdbc.prepareStatement(
                """
                select status, reason, changed_at from integrated_account_status_history
                where tenant_id = ? and account_id = ? order by id
                """,
                ps -> {
                    ps.setObject(1, tenantId);
                    ps.setObject(2, id);
                    List<StatusChange> rows = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new StatusChange(
                                    AccountStatus.parse(rs.getString(1)),
                                    rs.getString(2),
                                    rs.getTimestamp(3).toInstant()));
                        }
                    }
                    return rows;
                });
    }

    private void addHistory(UUID tenantId, UUID id, AccountStatus status, @Nullable String reason, Instant at) {
        jdbc.prepareStatement(
                """
                insert into integrated_account_status_history (tenant_id, account_id, status, reason, changed_at)
                values (?, ?, ?, ?, ?)
                """,
                ps -> {
                    ps.setObject(1, tenantId);
                    ps.setObject(2, id);
                    ps.setString(3, status.wire());
                    ps.setString(4, reason);
                    ps.setTimestamp(5, Timestamp.from(at));
                    return ps.executeUpdate();
                });
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }

    private IntegratedAccount map(ResultSet rs) throws SQLException {
        Timestamp lastUsed = rs.getTimestamp(13);
        return new IntegratedAccount(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                new EndUser(rs.getString(4), rs.getString(5), rs.getString(6)),
                AccountStatus.parse(rs.getString(7)),
                rs.getString(8),
                rs.getTimestamp(9).toInstant(),
                read(rs.getString(10)),
                rs.getTimestamp(11).toInstant(),
                rs.getTimestamp(12).toInstant(),
                lastUsed == null ? null : lastUsed.toInstant());
    }

    private String write(Map<String, Object> context) {
        try {
            return json.writeValueAsString(context == null ? Map.of() : context);
        } catch (Exception e) {
            throw new IllegalArgumentException("context is not serializable");
        }
    }

    private Map<String, Object> read(String text) {
        try {
            return json.readValue(text, MAP);
        } catch (Exception e) {
            return Map.of();
        }
    }
}
