package dev.interlink.platform.linking;

import dev.interlink.platform.account.EndUser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/** Link tokens, looked up by the SHA-256 of the token. */
@Singleton
public class LinkTokenRepository {
    private final JdbcOperations jdbc;

    public LinkTokenRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void insert(LinkToken t, String tokenSha256, @Nullable UUID apiClientId) {
        jdbc.prepareStatement(
                """
                insert into link_token (id, tenant_id, api_client_id, token_sha256, end_user_id, end_user_name,
                  end_user_email, providers, integrated_account_id, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                ps -> {
                    ps.setObject(1, t.id());
                    ps.setObject(2, t.tenantId());
                    ps.setObject(3, apiClientId);
                    ps.setString(4, tokenSha256);
                    ps.setString(5, t.endUser().id());
                    ps.setString(6, t.endUser().name());
                    ps.setString(7, t.endUser().email());
                    ps.setArray(
                            8,
                            ps.getConnection()
                                    .createArrayOf("text", t.providers().toArray()));
                    ps.setObject(9, t.integratedAccountId());
                    ps.setTimestamp(10, Timestamp.from(t.createdAt()));
                    ps.setTimestamp(11, Timestamp.from(t.expiresAt()));
                    return ps.executeUpdate();
                });
    }

    @Transactional
    public Optional<LinkToken> findByHash(String tokenSha256) {
        return jdbc.prepareStatement(
                """
                select id, tenant_id, end_user_id, end_user_name, end_user_email, providers, integrated_account_id,
                  attempts, created_at, expires_at, consumed_at
                from link_token where token_sha256 = ?
                """,
                ps -> {
                    ps.setString(1, tokenSha256);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(map(rs)) : Optional.<LinkToken>empty();
                    }
                });
    }

    @Transactional
    public Optional<LinkToken> findById(UUID id) {
        return jdbc.prepareStatement(
                """
                select id, tenant_id, end_user_id, end_user_name, end_user_email, providers, integrated_account_id,
                  attempts, created_at, expires_at, consumed_at
                from link_token where id = ?
                """,
                ps -> {
                    ps.setObject(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(map(rs)) : Optional.<LinkToken>empty();
                    }
                });
    }

    /** Counts one credential submission; false when the token is used up, consumed or at its limit. */
    @Transactional
    public boolean countAttempt(UUID id, int maxAttempts) {
        return jdbc.prepareStatement(
                        "update link_token set attempts = attempts + 1 where id = ? and consumed_at is null"
                                + " and attempts < ?",
                        ps -> {
                            ps.setObject(1, id);
                            ps.setInt(2, maxAttempts);
                            return ps.executeUpdate();
                        })
                > 0;
    }

    /**
     * Consumes the token (join the caller's transaction: the row stays locked until it commits, so of two
     * concurrent successful submissions exactly one consumes it). False if already consumed or expired.
     */
    @Transactional
    public boolean consume(UUID id, UUID accountId, Instant now) {
        return jdbc.prepareStatement(
                        """
                        update link_token set consumed_at = ?, consumed_account_id = ?
                        where id = ? and consumed_at is null and expires_at > ?
                        """,
                        ps -> {
                            ps.setTimestamp(1, Timestamp.from(now));
                            ps.setObject(2, accountId);
                            ps.setObject(3, id);
                            ps.setTimestamp(4, Timestamp.from(now));
                            return ps.executeUpdate();
                        })
                > 0;
    }

    /** Removes tokens that expired before {@code before}. */
    @Transactional
    public int purgeExpired(Instant before) {
        return jdbc.prepareStatement("delete from link_token where expires_at < ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        });
    }

    private static LinkToken map(ResultSet rs) throws SQLException {
        Array providers = rs.getArray(6);
        Timestamp consumed = rs.getTimestamp(11);
        return new LinkToken(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                new EndUser(rs.getString(3), rs.getString(4), rs.getString(5)),
                Arrays.asList((String[]) providers.getArray()),
                rs.getObject(7, UUID.class),
                rs.getInt(8),
                rs.getTimestamp(9).toInstant(),
                rs.getTimestamp(10).toInstant(),
                consumed == null ? null : consumed.toInstant());
    }
}
