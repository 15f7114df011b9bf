package dev.interlink.platform.imports;

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

/** An import's rules and feeds (small per-import lists: newest first, at most a bounded number each). */
@Singleton
class ExtrasRepository {
    private final JdbcOperations jdbc;

    ExtrasRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void insertRule(ImportRule r) {
        jdbc.prepareStatement(
                "insert into import_rule (id, tenant_id, import_id, kind, field, to_value, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setObject(1, r.id());
                    ps.setObject(2, r.tenantId());
                    ps.setObject(3, r.importId());
                    ps.setString(4, r.when());
                    ps.setString(5, r.field());
                    ps.setString(6, r.to());
                    ps.setTimestamp(7, Timestamp.from(r.createdAt()));
                    return ps.executeUpdate();
                });
    }

    @Transactional
    List<ImportRule> rules(UUID tenantId, UUID importId) {
        return jdbc.prepareStatement(
                "select id, tenant_id, import_id, kind, field, to_value, created_at from import_rule"
                        + " where tenant_id = ? and import_id = ? order by created_at desc, id desc",
                ps -> {
                    ps.setObject(1, tenantId);
                    ps.setObject(2, importId);
                    try (ResultSet rs = ps.executeQuery()) {
                        List<ImportRule> out = new ArrayList<>();
                        while (rs.next()) {
                            out.add(new ImportRule(
                                    rs.getObject(1, UUID.class),
                                    rs.getObject(2, UUID.class),
                                    rs.getObject(3, UUID.class),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getTimestamp(7).toInstant()));
                        }
                        return out;
                    }
                });
    }

    @Transactional
    boolean deleteRule(UUID tenantId, UUID importId, UUID id) {
        return delete("import_rule", tenantId, importId, id);
    }

    @Transactional
    void insertFeed(ImportFeed f, byte[] tokenHash) {
        jdbc.prepareStatement(
                "insert into import_feed (id, tenant_id, import_id, token_hash, expires_at, created_at)"
                        + " values (?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setObject(1, f.id());
                    ps.setObject(2, f.tenantId());
                    ps.setObject(3, f.importId());
                    ps.setBytes(4, tokenHash);
                    ps.setTimestamp(5, Timestamp.from(f.expiresAt()));
                    ps.setTimestamp(6, Timestamp.from(f.createdAt()));
                    return ps.executeUpdate();
                });
    }

    @Transactional
    List<ImportFeed> feeds(UUID tenantId, UUID importId) {
        return jdbc.prepareStatement(
                "select id, tenant_id, import_id, expires_at, revoked_at, created_at from import_feed"
                        + " where tenant_id = ? and import_id = ? and revoked_at is null"
                        + " order by created_at desc, id desc",
                ps -> {
                    ps.setObject(1, tenantId);
                    ps.setObject(2, importId);
                    return feedRows(ps.executeQuery());
                });
    }

    /** The live feed of this token hash: not revoked, not expired. */
    @Transactional
    Optional<ImportFeed> liveFeed(byte[] tokenHash, Instant now) {
        return jdbc.prepareStatement(
                "select id, tenant_id, import_id, expires_at, revoked_at, created_at from import_feed"
                        + " where token_hash = ? and revoked_at is null and expires_at > ?",
                ps -> {
                    ps.setBytes(1, tokenHash);
                    ps.setTimestamp(2, Timestamp.from(now));
                    List<ImportFeed> all = feedRows(ps.executeQuery());
                    return all.isEmpty() ? Optional.<ImportFeed>empty() : Optional.of(all.get(0));
                });
    }

    @Transactional
    boolean revokeFeed(UUID tenantId, UUID importId, UUID id, Instant now) {
        return jdbc.prepareStatement(
                        "update import_feed set revoked_at = ? where tenant_id = ? and import_id = ? and id = ?"
                                + " and revoked_at is null",
                        ps -> {
                            ps.setTimestamp(1, Timestamp.from(now));
                            ps.setObject(2, tenantId);
                            ps.setObject(3, importId);
                            ps.setObject(4, id);
                            return ps.executeUpdate();
                        })
                > 0;
    }

    private boolean delete(String table, UUID tenantId, UUID importId, UUID id) {
        return jdbc.prepareStatement(
                        "delete from " + table + " where tenant_id = ? and import_id = ? and id = ?", ps -> {
                            ps.setObject(1, tenantId);
                            ps.setObject(2, importId);
                            ps.setObject(3, id);
                            return ps.executeUpdate();
                        })
                > 0;
    }

    private static List<ImportFeed> feedRows(ResultSet rs) throws SQLException {
        try (rs) {
            List<ImportFeed> out = new ArrayList<>();
            while (rs.next()) {
                Timestamp revoked = rs.getTimestamp(5);
                out.add(new ImportFeed(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class),
                        rs.getTimestamp(4).toInstant(),
                        revoked == null ? null : revoked.toInstant(),
                        rs.getTimestamp(6).toInstant()));
            }
            return out;
        }
    }
}
