package dev.interlink.platform.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * Import runs and the pages they commit. A page's records, the run's new position and its counters are one
 * transaction ({@link #commitPage}): a run revived after its replica died goes on from the last committed page and
 * inserts nothing twice.
 */
@Singleton
class RunRepository {
    private static final String COLUMNS = "r.id, r.tenant_id, r.import_id, r.trigger, r.status, r.position,"
            + " r.pages_read, r.records_read, r.total_estimate, r.eta, r.waiting_for_budget, r.working_millis,"
            + " r.cancel_requested, r.problem::text, r.queued_at, r.started_at, r.finished_at,"
            + " (select s.id from import_snapshot s where s.run_id = r.id and s.complete), r.mode, r.changes_since";

    private final JdbcOperations jdbc;
    private final ObjectMapper json;

    RunRepository(JdbcOperations jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A queued run; false when the import already has a queued or running one (or this schedule slot has a run). */
    @Transactional
    boolean queue(UUID id, UUID tenantId, UUID importId, String trigger, @Nullable Instant slot, Instant now) {
        return jdbc.prepareStatement(
                        """
                        insert into import_run (id, tenant_id, import_id, trigger, status, scheduled_for, queued_at)
                        values (?, ?, ?, ?, 'queued', ?, ?) on conflict do nothing
                        """,
                        ps -> {
                            ps.setObject(1, id);
                            ps.setObject(2, tenantId);
                            ps.setObject(3, importId);
                            ps.setString(4, trigger);
                            ps.setTimestamp(5, slot == null ? null : Timestamp.from(slot));
                            ps.setTimestamp(6, Timestamp.from(now));
                            return ps.executeUpdate();
                        })
                > 0;
    }

    @Transactional
    Optional<ImportRun> find(UUID tenantId, UUID importId, UUID id) {
        return jdbc.prepareStatement(
                "select " + COLUMNS + " from import_run r where r.tenant_id = ? and r.import_id = ? and r.id = ?",
                ps -> {
                    ps.setObject(1, tenantId);
                    ps.setObject(2, importId);
                    ps.setObject(3, id);
                    return first(ps.executeQuery());
                });
    }

    @Transactional
    Optional<ImportRun> findById(UUID id) {
        return jdbc.prepareStatement("select " + COLUMNS + " from import_run r where r.id = ?", ps -> {
            ps.setObject(1, id);
            return first(ps.executeQuery());
        });
    }

    /** The import's queued or running run, if any. */
    @Transactional
    Optional<ImportRun> active(UUID importId) {
        return jdbc.prepareStatement(
                "select " + COLUMNS + " from import_run r where r.import_id = ? and r.status in ('queued', 'running')",
                ps -> {
                    ps.setObject(1, importId);
                    return first(ps.executeQuery());
                });
    }

    /** The last run of each of these imports (for the list view). */
    @Transactional
    Optional<ImportRun> last(UUID importId) {
        return jdbc.prepareStatement(
                "select " + COLUMNS + " from import_run r where r.import_id = ? order by r.queued_at desc, r.id desc"
                        + " limit 1",
                ps -> {
                    ps.setObject(1, importId);
                    return first(ps.executeQuery());
                });
    }

    /** Newest first, keyset-paginated; up to {@code limit + 1} rows. */
    @Transactional
    List<ImportRun> list(UUID tenantId, UUID importId, @Nullable PageCursor after, int limit) {
        String sql = "select " + COLUMNS + " from import_run r where r.tenant_id = ? and r.import_id = ?"
                + (after == null ? "" : " and (r.queued_at, r.id) < (?, ?)")
                + " order by r.queued_at desc, r.id desc limit ?";
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

    /** Every queued run (the tick makes sure each has its scheduler instance). */
    @Transactional
    List<ImportRun> queued(int limit) {
        return jdbc.prepareStatement(
                "select " + COLUMNS + " from import_run r where r.status = 'queued' order by r.queued_at limit ?",
                ps -> {
                    ps.setInt(1, limit);
                    return rows(ps.executeQuery());
                });
    }

    /**
     * The run is running with its (incomplete) snapshot: created on the first start, kept on a revival. On the first
     * start the run also takes its mode: incremental from {@code base} when given, then its snapshot begins as a copy
     * of the base's records (in this transaction, so a revival never copies twice). Returns the snapshot id.
     */
    @Transactional
    UUID start(
            ImportRun run, List<String> fields, @Nullable Increments.Base base, Instant now, long tenantRecordLimit) {
        jdbc.prepareStatement(
                """
                update import_run set status = 'running', started_at = coalesce(started_at, ?),
                  mode = case when started_at is null then ? else mode end,
                  base_snapshot_id = case when started_at is null then ? else base_snapshot_id end,
                  changes_since = case when started_at is null then ? else changes_since end
                where id = ?
                """,
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setString(2, base == null ? ImportRun.FULL : ImportRun.INCREMENTAL);
                    ps.setObject(3, base == null ? null : base.snapshotId());
                    ps.setTimestamp(4, base == null ? null : Timestamp.from(base.changesSince()));
                    ps.setObject(5, run.id());
                    return ps.executeUpdate();
                });
        return jdbc.prepareStatement(
                """
                with created as (
                  insert into import_snapshot (id, tenant_id, import_id, run_id, fields, created_at)
                  values (?, ?, ?, ?, ?, ?)
                  on conflict (run_id) do nothing
                  returning id
                )
                select id, true from created
                union all select id, false from import_snapshot where run_id = ?
                """,
                ps -> {
                    ps.setObject(1, UUID.randomUUID());
                    ps.setObject(2, run.tenantId());
                    ps.setObject(3, run.importId());
                    ps.setObject(4, run.id());
                    ps.setArray(5, ps.getConnection().createArrayOf("text", fields.toArray()));
                    ps.setTimestamp(6, Timestamp.from(now));
                    ps.setObject(7, run.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        UUID id = rs.getObject(1, UUID.class);
                        if (rs.getBoolean(2)) copyBase(run, id, tenantRecordLimit);
                        return id;
                    }
                });
    }

    /** An incremental run's new snapshot gets its base's records (none for a full run: no base). */
    private void copyBase(ImportRun run, UUID snapshotId, long tenantRecordLimit) {
        int copied = jdbc.prepareStatement(
                """
                insert into import_snapshot_record (snapshot_id, seq, record_id, record_values)
                select ?, b.seq, b.record_id, b.record_values from import_snapshot_record b
                where b.snapshot_id = (select base_snapshot_id from import_run where id = ?)
                """,
                ps -> {
                    ps.setObject(1, snapshotId);
                    ps.setObject(2, run.id());
                    return ps.executeUpdate();
                });
        if (copied == 0) return;
        long used = used(run.tenantId());
        if (used + copied > tenantRecordLimit) throw new SnapshotLimit.Reached(used);
        count(snapshotId, copied);
    }

    /** One page read: what it adds to the snapshot, the run's position and counters, and how long it took. */
    record PageWrite(
            int firstSeq,
            List<String> recordIds,
            List<String> values,
            @Nullable String nextPosition,
            @Nullable Long totalEstimate,
            @Nullable Instant eta,
            long pageMillis) {}

    /**
     * Commits one page: its records (a record already in the snapshot is not inserted again), the run's position
     * and counters. Refused with {@link SnapshotLimit.Reached} when the tenant's snapshots would outgrow their bound.
     */
    @Transactional
    void commitPage(ImportRun run, UUID snapshotId, PageWrite page, long tenantRecordLimit) {
        long used = used(run.tenantId());
        if (used + page.recordIds().size() > tenantRecordLimit) throw new SnapshotLimit.Reached(used);
        int inserted = page.recordIds().isEmpty()
                ? 0
                : jdbc.prepareStatement(
                        """
                        insert into import_snapshot_record (snapshot_id, seq, record_id, record_values)
                        select ?, t.seq, t.rid, t.v::jsonb from unnest(?::int[], ?::text[], ?::text[]) as t(seq, rid, v)
                        on conflict do nothing
                        """,
                        ps -> {
                            Integer[] seqs = new Integer[page.recordIds().size()];
                            for (int i = 0; i < seqs.length; i++) seqs[i] = page.firstSeq() + i;
                            ps.setObject(1, snapshotId);
                            ps.setArray(2, ps.getConnection().createArrayOf("int4", seqs));
                            ps.setArray(
                                    3,
                                    ps.getConnection()
                                            .createArrayOf(
                                                    "text", page.recordIds().toArray()));
                            ps.setArray(
                                    4,
                                    ps.getConnection()
                                            .createArrayOf("text", page.values().toArray()));
                            return ps.executeUpdate();
                        });
        count(snapshotId, inserted);
        advance(run, page);
    }

    /**
     * Commits one page of an incremental run: its deleted records leave the snapshot, its read ones replace their
     * earlier values or join at the end (a page read again after a crash changes nothing more), with the run's
     * position and counters. Refused like {@link #commitPage} when the tenant's bound would be passed.
     */
    @Transactional
    void commitChanges(
            ImportRun run, UUID snapshotId, PageWrite page, List<String> deletedIds, long tenantRecordLimit) {
        long used = used(run.tenantId());
        if (used + page.recordIds().size() > tenantRecordLimit) throw new SnapshotLimit.Reached(used);
        jdbc.prepareStatement("delete from import_snapshot_record where snapshot_id = ? and record_id = any(?)", ps -> {
            ps.setObject(1, snapshotId);
            ps.setArray(2, ps.getConnection().createArrayOf("text", deletedIds.toArray()));
            return ps.executeUpdate();
        });
        jdbc.prepareStatement(
                """
                insert into import_snapshot_record (snapshot_id, seq, record_id, record_values)
                select ?, (select coalesce(max(seq), -1) from import_snapshot_record where snapshot_id = ?) + t.n,
                  t.rid, t.v::jsonb
                from unnest(?::text[], ?::text[]) with ordinality as t(rid, v, n)
                on conflict (snapshot_id, record_id) do update set record_values = excluded.record_values
                """,
                ps -> {
                    ps.setObject(1, snapshotId);
                    ps.setObject(2, snapshotId);
                    ps.setArray(
                            3,
                            ps.getConnection()
                                    .createArrayOf("text", page.recordIds().toArray()));
                    ps.setArray(
                            4,
                            ps.getConnection()
                                    .createArrayOf("text", page.values().toArray()));
                    return ps.executeUpdate();
                });
        jdbc.prepareStatement(
                """
                update import_snapshot set record_count =
                  (select count(*) from import_snapshot_record where snapshot_id = ?) where id = ?
                """,
                ps -> {
                    ps.setObject(1, snapshotId);
                    ps.setObject(2, snapshotId);
                    return ps.executeUpdate();
                });
        advance(run, page);
    }

    /** When the import's last succeeded full run started (what decides that the next run must be full again). */
    @Transactional
    Optional<Instant> lastFullRunStart(UUID importId) {
        return jdbc.prepareStatement(
                "select max(started_at) from import_run where import_id = ? and status = 'succeeded' and mode = 'full'",
                ps -> {
                    ps.setObject(1, importId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return Optional.ofNullable(instant(rs.getTimestamp(1)));
                    }
                });
    }

    private long used(UUID tenantId) {
        return jdbc.prepareStatement(
                "select coalesce(sum(record_count), 0) from import_snapshot where tenant_id = ?", ps -> {
                    ps.setObject(1, tenantId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
    }

    private void count(UUID snapshotId, int added) {
        jdbc.prepareStatement("update import_snapshot set record_count = record_count + ? where id = ?", ps -> {
            ps.setInt(1, added);
            ps.setObject(2, snapshotId);
            return ps.executeUpdate();
        });
    }

    /** The run's new position and counters after one page. */
    private void advance(ImportRun run, PageWrite page) {
        jdbc.prepareStatement(
                """
                update import_run set position = ?, pages_read = pages_read + 1, records_read = records_read + ?,
                  total_estimate = ?, eta = ?, working_millis = working_millis + ?, waiting_for_budget = false
                where id = ?
                """,
                ps -> {
                    ps.setString(1, page.nextPosition());
                    ps.setInt(2, page.recordIds().size());
                    if (page.totalEstimate() == null) ps.setNull(3, java.sql.Types.BIGINT);
                    else ps.setLong(3, page.totalEstimate());
                    ps.setTimestamp(4, page.eta() == null ? null : Timestamp.from(page.eta()));
                    ps.setLong(5, page.pageMillis());
                    ps.setObject(6, run.id());
                    return ps.executeUpdate();
                });
    }

    /** The run waits for the provider budget until about {@code eta}. */
    @Transactional
    void waiting(UUID runId, @Nullable Instant eta) {
        jdbc.prepareStatement(
                "update import_run set waiting_for_budget = true, eta = coalesce(?, eta) where id = ?", ps -> {
                    ps.setTimestamp(1, eta == null ? null : Timestamp.from(eta));
                    ps.setObject(2, runId);
                    return ps.executeUpdate();
                });
    }

    /** Ends an active run; false when it had already ended. A succeeded run's snapshot becomes complete. */
    @Transactional
    boolean finish(UUID runId, String status, @Nullable JsonNode problem, Instant now) {
        int n = jdbc.prepareStatement(
                """
                update import_run set status = ?, problem = ?::jsonb, finished_at = ?, waiting_for_budget = false
                where id = ? and status in ('queued', 'running')
                """,
                ps -> {
                    ps.setString(1, status);
                    ps.setString(2, problem == null ? null : problem.toString());
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setObject(4, runId);
                    return ps.executeUpdate();
                });
        if (n == 0) return false;
        if (status.equals(ImportRun.SUCCEEDED)) {
            jdbc.prepareStatement(
                    "update import_snapshot set complete = true, completed_at = ? where run_id = ?", ps -> {
                        ps.setTimestamp(1, Timestamp.from(now));
                        ps.setObject(2, runId);
                        return ps.executeUpdate();
                    });
        } else {
            // an unfinished snapshot is never listed: its records go now rather than wait for retention
            jdbc.prepareStatement("delete from import_snapshot where run_id = ? and not complete", ps -> {
                ps.setObject(1, runId);
                return ps.executeUpdate();
            });
        }
        return true;
    }

    /** Asks an active run to stop at its next page; a queued one is cancelled at once. */
    @Transactional
    void requestCancel(UUID runId) {
        jdbc.prepareStatement(
                "update import_run set cancel_requested = true where id = ? and status in ('queued', 'running')",
                ps -> {
                    ps.setObject(1, runId);
                    return ps.executeUpdate();
                });
    }

    @Transactional
    boolean cancelRequested(UUID runId) {
        return jdbc.prepareStatement("select cancel_requested from import_run where id = ?", ps -> {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return !rs.next() || rs.getBoolean(1);
            }
        });
    }

    private Optional<ImportRun> first(ResultSet rs) throws SQLException {
        List<ImportRun> all = rows(rs);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private List<ImportRun> rows(ResultSet rs) throws SQLException {
        try (rs) {
            List<ImportRun> out = new ArrayList<>();
            while (rs.next()) {
                long total = rs.getLong(9);
                Long totalEstimate = rs.wasNull() ? null : total;
                String problem = rs.getString(14);
                JsonNode p;
                try {
                    p = problem == null ? null : json.readTree(problem);
                } catch (Exception e) {
                    throw new SQLException("import_run.problem is not JSON", e);
                }
                out.add(new ImportRun(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getInt(7),
                        rs.getInt(8),
                        totalEstimate,
                        instant(rs.getTimestamp(10)),
                        rs.getBoolean(11),
                        rs.getLong(12),
                        rs.getBoolean(13),
                        p,
                        instant(rs.getTimestamp(15)),
                        instant(rs.getTimestamp(16)),
                        instant(rs.getTimestamp(17)),
                        rs.getObject(18, UUID.class),
                        rs.getString(19),
                        instant(rs.getTimestamp(20))));
            }
            return out;
        }
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
