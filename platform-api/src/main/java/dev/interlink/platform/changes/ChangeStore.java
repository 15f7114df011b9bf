package dev.interlink.platform.changes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.provider.AtsResource;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The engine's memory in PostgreSQL (migration V0061): what was last seen of each watched record, whether an
 * account's baseline is taken, and what each poll spent. Every method runs on the caller's transaction.
 */
@Singleton
class ChangeStore {
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {};

    private final JdbcOperations jdbc;
    private final ObjectMapper json = new ObjectMapper();

    ChangeStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored view of one record. {@code stage} only for applications. */
    record Seen(String fingerprint, Map<String, String> fields, Stage stage) {}

    record Stage(String id, String name, String category) {
        Map<String, Object> asMap() {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("id", id);
            m.put("name", name);
            m.put("category", category);
            return m;
        }
    }

    /**
     * Serializes every observer of this one record (poll, webhook, our write; any replica) until the transaction
     * ends, then reads what was seen. This lock is why two sources never both emit the same change.
     */
    Optional<Seen> lockAndFind(UUID accountId, AtsResource resource, String recordId) {
        jdbc.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))", ps -> {
            ps.setString(1, "changes:" + accountId + ":" + resource.path() + ":" + recordId);
            ps.execute();
            return null;
        });
        return jdbc.prepareStatement(
                """
                SELECT fingerprint, field_hashes::text, stage_id, stage_name, stage_category FROM change_record
                 WHERE account_id = ? AND resource = ? AND record_id = ?""",
                ps -> {
                    ps.setObject(1, accountId);
                    ps.setString(2, resource.path());
                    ps.setString(3, recordId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) return Optional.empty();
                        Stage stage = rs.getString(3) == null && rs.getString(4) == null
                                ? null
                                : new Stage(rs.getString(3), rs.getString(4), rs.getString(5));
                        return Optional.of(new Seen(rs.getString(1), fields(rs.getString(2)), stage));
                    }
                });
    }

    void save(
            UUID tenantId,
            UUID accountId,
            AtsResource resource,
            String recordId,
            Fingerprint fp,
            Stage stage,
            Instant now) {
        jdbc.prepareStatement(
                """
                INSERT INTO change_record (account_id, resource, record_id, tenant_id, fingerprint, field_hashes,
                                           stage_id, stage_name, stage_category, seen_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
                ON CONFLICT (account_id, resource, record_id) DO UPDATE SET
                    fingerprint = EXCLUDED.fingerprint, field_hashes = EXCLUDED.field_hashes,
                    stage_id = EXCLUDED.stage_id, stage_name = EXCLUDED.stage_name,
                    stage_category = EXCLUDED.stage_category, seen_at = EXCLUDED.seen_at""",
                ps -> {
                    ps.setObject(1, accountId);
                    ps.setString(2, resource.path());
                    ps.setString(3, recordId);
                    ps.setObject(4, tenantId);
                    ps.setString(5, fp.hash());
                    ps.setString(6, write(fp.fields()));
                    ps.setString(7, stage == null ? null : stage.id());
                    ps.setString(8, stage == null ? null : stage.name());
                    ps.setString(9, stage == null ? null : stage.category());
                    ps.setTimestamp(10, Timestamp.from(now));
                    return ps.executeUpdate();
                });
    }

    /** What a poll needs to know of its account: baseline taken, feed position, last full listing. */
    record AccountState(boolean baselineTaken, String feedCursor, Instant fullScanAt) {}

    /** The account's row (created on its first poll). */
    @Transactional
    AccountState state(UUID tenantId, UUID accountId, String provider) {
        return jdbc.prepareStatement(
                """
                INSERT INTO change_account (account_id, tenant_id, provider) VALUES (?, ?, ?)
                ON CONFLICT (account_id) DO UPDATE SET provider = EXCLUDED.provider
                RETURNING baseline_at IS NOT NULL, feed_cursor, full_scan_at""",
                ps -> {
                    ps.setObject(1, accountId);
                    ps.setObject(2, tenantId);
                    ps.setString(3, provider);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        Timestamp full = rs.getTimestamp(3);
                        return new AccountState(
                                rs.getBoolean(1), rs.getString(2), full == null ? null : full.toInstant());
                    }
                });
    }

    /** The feed position after records up to it were observed (committed after them, so a crash only repeats). */
    @Transactional
    void saveCursor(UUID accountId, String cursor) {
        jdbc.prepareStatement("UPDATE change_account SET feed_cursor = ? WHERE account_id = ?", ps -> {
            ps.setString(1, cursor);
            ps.setObject(2, accountId);
            return ps.executeUpdate();
        });
    }

    /** {@code listedAll}: this poll listed every watched resource to the end (a baseline, or a safety rescan). */
    @Transactional
    void finishPoll(UUID accountId, boolean listedAll, Instant now) {
        jdbc.prepareStatement(
                """
                UPDATE change_account SET last_poll_at = ?,
                       baseline_at = CASE WHEN ? AND baseline_at IS NULL THEN ? ELSE baseline_at END,
                       full_scan_at = CASE WHEN ? THEN ? ELSE full_scan_at END
                 WHERE account_id = ?""",
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setBoolean(2, listedAll);
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setBoolean(4, listedAll);
                    ps.setTimestamp(5, Timestamp.from(now));
                    ps.setObject(6, accountId);
                    return ps.executeUpdate();
                });
    }

    @Transactional
    void recordRun(PollRun run) {
        jdbc.prepareStatement(
                """
                INSERT INTO change_poll_run (account_id, tenant_id, started_at, finished_at, calls, budget_limit,
                                             remaining_at_start, reserved, deferred, events, baseline, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                ps -> {
                    ps.setObject(1, run.accountId());
                    ps.setObject(2, run.tenantId());
                    ps.setTimestamp(3, Timestamp.from(run.startedAt()));
                    ps.setTimestamp(4, Timestamp.from(run.finishedAt()));
                    ps.setInt(5, run.calls());
                    ps.setInt(6, run.budgetLimit());
                    ps.setObject(7, run.remainingAtStart());
                    ps.setInt(8, run.reserved());
                    ps.setBoolean(9, run.deferred());
                    ps.setInt(10, run.events());
                    ps.setBoolean(11, run.baseline());
                    ps.setString(12, run.outcome());
                    return ps.executeUpdate();
                });
    }

    /** The latest poll runs of one account of one tenant, newest first. */
    @Transactional(readOnly = true)
    List<PollRun> runs(UUID tenantId, UUID accountId, int limit) {
        return jdbc.prepareStatement(
                """
                SELECT started_at, finished_at, calls, budget_limit, remaining_at_start, reserved, deferred, events,
                       baseline, outcome
                  FROM change_poll_run WHERE tenant_id = ? AND account_id = ? ORDER BY id DESC LIMIT ?""",
                ps -> {
                    ps.setObject(1, tenantId);
                    ps.setObject(2, accountId);
                    ps.setInt(3, limit);
                    List<PollRun> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new PollRun(
                                    tenantId,
                                    accountId,
                                    rs.getTimestamp(1).toInstant(),
                                    rs.getTimestamp(2).toInstant(),
                                    rs.getInt(3),
                                    rs.getInt(4),
                                    (Integer) rs.getObject(5),
                                    rs.getInt(6),
                                    rs.getBoolean(7),
                                    rs.getInt(8),
                                    rs.getBoolean(9),
                                    rs.getString(10)));
                        }
                    }
                    return out;
                });
    }

    /** Poll runs are a report, not history: kept a week. */
    @Transactional
    int purgeRuns(Instant before) {
        return jdbc.prepareStatement("DELETE FROM change_poll_run WHERE started_at < ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        });
    }

    /** An account the tick may poll: its id and tenant. */
    record Account(UUID id, UUID tenantId) {}

    /** Active, not deleted accounts (the poll itself re-checks through CallAccount). */
    @Transactional(readOnly = true)
    List<Account> activeAccounts() {
        return jdbc.prepareStatement(
                "SELECT id, tenant_id FROM integrated_account WHERE status = 'active' AND deleted_at IS NULL", ps -> {
                    List<Account> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next())
                            out.add(new Account(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)));
                    }
                    return out;
                });
    }

    private Map<String, String> fields(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, FIELDS);
        } catch (JsonProcessingException e) {
            return Map.of(); // an unreadable row compares as "every field changed" once, then is rewritten
        }
    }

    private String write(Map<String, String> fields) {
        try {
            return json.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
