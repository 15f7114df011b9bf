package dev.interlink.platform.imports;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.account.PageCursor;
import dev.interlink.platform.provider.AtsResource;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Import definitions in PostgreSQL; every tenant-facing query filters on the caller's tenant. */
@Singleton
class ImportRepository {
    private static final TypeReference<LinkedHashMap<String, String>> FILTERS = new TypeReference<>() {};
    private static final String COLUMNS = "d.id, d.tenant_id, d.integrated_account_id, a.provider, d.name, d.resource,"
            + " d.fields, d.filters::text, d.schedule_every_seconds, d.schedule_cron, d.keep_snapshots, d.next_run_at,"
            + " d.created_at, d.updated_at";
    private static final String FROM =
            " from import_definition d join integrated_account a on a.id = d.integrated_account_id";

    private final JdbcOperations jdbc;
    private final ObjectMapper json;

    ImportRepository(JdbcOperations jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional
    void insert(ImportDefinition d) {
        jdbc.prepareStatement(
                """
                insert into import_definition (id, tenant_id, integrated_account_id, name, resource, fields, filters,
                  schedule_every_seconds, schedule_cron, keep_snapshots, next_run_at, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
                """,
                ps -> {
                    ps.setObject(1, d.id());
                    ps.setObject(2, d.tenantId());
                    ps.setObject(3, d.accountId());
                    ps.setString(4, d.name());
                    ps.setString(5, d.resource().path());
                    setDefinition(ps, 6, d);
                    ps.setTimestamp(12, Timestamp.from(d.createdAt()));
                    ps.setTimestamp(13, Timestamp.from(d.updatedAt()));
                    return ps.executeUpdate();
                });
    }

    @Transactional
    void update(ImportDefinition d) {
        jdbc.prepareStatement(
                """
                update import_definition set fields = ?, filters = ?::jsonb, schedule_every_seconds = ?,
                  schedule_cron = ?, keep_snapshots = ?, next_run_at = ?, name = ?, updated_at = ?
                where tenant_id = ? and id = ?
                """,
                ps -> {
                    setDefinition(ps, 1, d);
                    ps.setString(7, d.name());
                    ps.setTimestamp(8, Timestamp.from(d.updatedAt()));
                    ps.setObject(9, d.tenantId());
                    ps.setObject(10, d.id());
                    return ps.executeUpdate();
                });
    }

    /** fields, filters, schedule (2 columns), keep_snapshots, next_run_at from {@code first}. */
    private void setDefinition(PreparedStatement ps, int first, ImportDefinition d) throws SQLException {
        ps.setArray(first, ps.getConnection().createArrayOf("text", d.fields().toArray()));
        try {
            ps.setString(first + 1, json.writeValueAsString(d.filters()));
        } catch (Exception e) {
            throw new IllegalStateException("filters are strings", e);
        }
        ImportSchedule s = d.schedule();
        if (s != null && s.every() != null) ps.setInt(first + 2, (int) s.every().toSeconds());
        else ps.setNull(first + 2, Types.INTEGER);
        ps.setString(first + 3, s == null ? null : s.cron());
        ps.setInt(first + 4, d.keepSnapshots());
        ps.setTimestamp(first + 5, d.nextRunAt() == null ? null : Timestamp.from(d.nextRunAt()));
    }

    @Transactional
    Optional<ImportDefinition> find(UUID tenantId, UUID id) {
        return one("select " + COLUMNS + FROM + " where d.tenant_id = ? and d.id = ?", tenantId, id);
    }

    /** For a run, which knows its import by id (the tenant comes with the run row). */
    @Transactional
    Optional<ImportDefinition> findById(UUID id) {
        return jdbc.prepareStatement("select " + COLUMNS + FROM + " where d.id = ?", ps -> {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.<ImportDefinition>empty();
            }
        });
    }

    /** Newest first, keyset-paginated; up to {@code limit + 1} rows (the extra one means "more"). */
    @Transactional
    List<ImportDefinition> list(UUID tenantId, @Nullable PageCursor after, int limit) {
        String sql = "select " + COLUMNS + FROM + " where d.tenant_id = ?"
                + (after == null ? "" : " and (d.created_at, d.id) < (?, ?)")
                + " order by d.created_at desc, d.id desc limit ?";
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
    int count(UUID tenantId) {
        return jdbc.prepareStatement("select count(*) from import_definition where tenant_id = ?", ps -> {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Transactional
    boolean delete(UUID tenantId, UUID id) {
        return jdbc.prepareStatement("delete from import_definition where tenant_id = ? and id = ?", ps -> {
                    ps.setObject(1, tenantId);
                    ps.setObject(2, id);
                    return ps.executeUpdate();
                })
                > 0;
    }

    /** Due scheduled imports, locked so that two replicas' ticks never queue the same slot (skip locked). */
    @Transactional
    List<ImportDefinition> lockDue(Instant now, int limit) {
        return jdbc.prepareStatement(
                "select " + COLUMNS + FROM + " where d.next_run_at <= ? order by d.next_run_at limit ?"
                        + " for update of d skip locked",
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setInt(2, limit);
                    return rows(ps.executeQuery());
                });
    }

    @Transactional
    void setNextRun(UUID id, Instant next) {
        jdbc.prepareStatement("update import_definition set next_run_at = ? where id = ?", ps -> {
            ps.setTimestamp(1, next == null ? null : Timestamp.from(next));
            ps.setObject(2, id);
            return ps.executeUpdate();
        });
    }

    private Optional<ImportDefinition> one(String sql, UUID tenantId, UUID id) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, tenantId);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.<ImportDefinition>empty();
            }
        });
    }

    private List<ImportDefinition> rows(ResultSet rs) throws SQLException {
        try (rs) {
            List<ImportDefinition> out = new ArrayList<>();
            while (rs.next()) out.add(map(rs));
            return out;
        }
    }

    private ImportDefinition map(ResultSet rs) throws SQLException {
        Map<String, String> filters;
        try {
            filters = json.readValue(rs.getString(8), FILTERS);
        } catch (Exception e) {
            throw new SQLException("import_definition.filters is not an object of strings", e);
        }
        int every = rs.getInt(9);
        Integer everySeconds = rs.wasNull() ? null : every;
        Timestamp next = rs.getTimestamp(12);
        return new ImportDefinition(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                rs.getString(5),
                AtsResource.byPath(rs.getString(6)).orElseThrow(),
                Arrays.asList((String[]) rs.getArray(7).getArray()),
                filters,
                ImportSchedule.of(everySeconds, rs.getString(10)),
                rs.getInt(11),
                next == null ? null : next.toInstant(),
                rs.getTimestamp(13).toInstant(),
                rs.getTimestamp(14).toInstant());
    }
}
