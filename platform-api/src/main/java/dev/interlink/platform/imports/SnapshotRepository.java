package dev.interlink.platform.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.account.PageCursor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Complete snapshots and their records; only complete ones are ever read (an unfinished one is not a snapshot). */
@Singleton
class SnapshotRepository {
    private static final String COLUMNS =
            "s.id, s.tenant_id, s.import_id, s.run_id, s.fields, s.record_count, s.completed_at";
    private static final int FETCH = 1000;

    private final JdbcOperations jdbc;
    private final ObjectMapper json;

    SnapshotRepository(JdbcOperations jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional
    Optional<Snapshot> find(UUID tenantId, UUID id) {
        return jdbc.prepareStatement(
                "select " + COLUMNS + " from import_snapshot s where s.tenant_id = ? and s.id = ? and s.complete",
                ps -> {
                    ps.setObject(1, tenantId);
                    ps.setObject(2, id);
                    return first(ps.executeQuery());
                });
    }

    @Transactional
    Optional<Snapshot> latest(UUID importId) {
        return jdbc.prepareStatement(
                "select " + COLUMNS + " from import_snapshot s where s.import_id = ? and s.complete"
                        + " order by s.completed_at desc, s.id desc limit 1",
                ps -> {
                    ps.setObject(1, importId);
                    return first(ps.executeQuery());
                });
    }

    /** The complete snapshot before {@code snapshot} of the same import (what a run's rules compare against). */
    @Transactional
    Optional<Snapshot> previous(Snapshot snapshot) {
        return jdbc.prepareStatement(
                "select " + COLUMNS + " from import_snapshot s where s.import_id = ? and s.complete and s.id <> ?"
                        + " and s.completed_at <= (select completed_at from import_snapshot where id = ?)"
                        + " order by s.completed_at desc, s.id desc limit 1",
                ps -> {
                    ps.setObject(1, snapshot.importId());
                    ps.setObject(2, snapshot.id());
                    ps.setObject(3, snapshot.id());
                    return first(ps.executeQuery());
                });
    }

    @Transactional
    Optional<Snapshot> ofRun(UUID runId) {
        return jdbc.prepareStatement(
                "select " + COLUMNS + " from import_snapshot s where s.run_id = ? and s.complete", ps -> {
                    ps.setObject(1, runId);
                    return first(ps.executeQuery());
                });
    }

    /** Newest first, keyset-paginated; up to {@code limit + 1} rows. */
    @Transactional
    List<Snapshot> list(UUID tenantId, UUID importId, @Nullable PageCursor after, int limit) {
        String sql = "select " + COLUMNS + " from import_snapshot s where s.tenant_id = ? and s.import_id = ?"
                + " and s.complete" + (after == null ? "" : " and (s.completed_at, s.id) < (?, ?)")
                + " order by s.completed_at desc, s.id desc limit ?";
        return jdbc.prepareStatement(sql, ps -> {
            int i = 1;
            ps.setObject(i++, tenantId);
            ps.setObject(i++, importId);
            if (after != null) {
                ps.setTimestamp(i++, Timestamp.from(after.at()));
                ps.setObject(i++, UUID.fromString(after.id()));
            }
            ps.setInt(i, limit + 1);
            return rows(ps.executeQuery());
        });
    }

    /** Keeps the newest {@code keep} complete snapshots of the import; returns how many went. */
    @Transactional
    int retain(UUID importId, int keep) {
        return jdbc.prepareStatement(
                """
                delete from import_snapshot where id in (
                  select id from import_snapshot where import_id = ? and complete
                  order by completed_at desc, id desc offset ?)
                """,
                ps -> {
                    ps.setObject(1, importId);
                    ps.setInt(2, keep);
                    return ps.executeUpdate();
                });
    }

    interface RecordSink {
        void accept(String recordId, JsonNode values) throws IOException;
    }

    /** Every record of the snapshot in its order, read through a cursor (flat memory whatever the size). */
    @Transactional(readOnly = true)
    void forEach(UUID snapshotId, RecordSink sink) {
        jdbc.prepareStatement(
                "select record_id, record_values::text from import_snapshot_record where snapshot_id = ? order by seq",
                ps -> {
                    ps.setFetchSize(FETCH);
                    ps.setObject(1, snapshotId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) sink.accept(rs.getString(1), tree(rs.getString(2)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return null;
                });
    }

    interface DiffSink {
        /** {@code before} null = added, {@code after} null = removed, both = changed. */
        void accept(String recordId, JsonNode before, JsonNode after);
    }

    /** The records that differ between {@code older} and {@code newer}, matched on the unified record id. */
    @Transactional(readOnly = true)
    void diff(UUID older, UUID newer, DiffSink sink) {
        jdbc.prepareStatement(
                """
                select coalesce(n.record_id, o.record_id), o.record_values::text, n.record_values::text
                from (select record_id, record_values, seq from import_snapshot_record where snapshot_id = ?) n
                full join (select record_id, record_values, seq from import_snapshot_record where snapshot_id = ?) o
                  on o.record_id = n.record_id
                where n.record_id is null or o.record_id is null or n.record_values <> o.record_values
                order by n.seq nulls last, o.seq
                """,
                ps -> {
                    ps.setFetchSize(FETCH);
                    ps.setObject(1, newer);
                    ps.setObject(2, older);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String b = rs.getString(2);
                            String a = rs.getString(3);
                            sink.accept(rs.getString(1), b == null ? null : tree(b), a == null ? null : tree(a));
                        }
                    }
                    return null;
                });
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Snapshot> first(ResultSet rs) throws SQLException {
        List<Snapshot> all = rows(rs);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private static List<Snapshot> rows(ResultSet rs) throws SQLException {
        try (rs) {
            List<Snapshot> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Snapshot(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class),
                        Arrays.asList((String[]) rs.getArray(5).getArray()),
                        rs.getInt(6),
                        rs.getTimestamp(7).toInstant()));
            }
            return out;
        }
    }
}
