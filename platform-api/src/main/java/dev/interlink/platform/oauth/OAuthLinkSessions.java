package dev.interlink.platform.oauth;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** {@code oauth_link_session} rows, found by the SHA-256 of their state; each can be taken once. */
@Singleton
public class OAuthLinkSessions {
    private final JdbcOperations jdbc;

    public OAuthLinkSessions(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void insert(OAuthLinkSession s, String stateSha256) {
        jdbc.prepareStatement(
                """
                insert into oauth_link_session (id, state_sha256, tenant_id, link_token_id, provider, mode,
                  notify_origin, return_to, code_verifier, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                ps -> {
                    ps.setObject(1, s.id());
                    ps.setString(2, stateSha256);
                    ps.setObject(3, s.tenantId());
                    ps.setObject(4, s.linkTokenId());
                    ps.setString(5, s.provider());
                    ps.setString(6, s.mode().value());
                    ps.setString(7, s.notifyOrigin());
                    ps.setString(8, s.returnTo());
                    ps.setString(9, s.codeVerifier());
                    ps.setTimestamp(10, Timestamp.from(s.createdAt()));
                    ps.setTimestamp(11, Timestamp.from(s.expiresAt()));
                    return ps.executeUpdate();
                });
    }

    /**
     * Marks the session with this state consumed and answers it — once: a second take of the same state (a replay,
     * or a race of two callbacks) finds nothing. Expired sessions are taken too (so they cannot be retried); the
     * caller checks {@code expiresAt}.
     */
    @Transactional
    public Optional<OAuthLinkSession> take(String stateSha256, Instant now) {
        return jdbc.prepareStatement(
                """
                update oauth_link_session set consumed_at = ?
                where state_sha256 = ? and consumed_at is null
                returning id, tenant_id, link_token_id, provider, mode, notify_origin, return_to, code_verifier,
                  created_at, expires_at
                """,
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setString(2, stateSha256);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.<OAuthLinkSession>empty();
                        }
                        return Optional.of(new OAuthLinkSession(
                                rs.getObject(1, UUID.class),
                                rs.getObject(2, UUID.class),
                                rs.getObject(3, UUID.class),
                                rs.getString(4),
                                OAuthLinkSession.Mode.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getTimestamp(9).toInstant(),
                                rs.getTimestamp(10).toInstant()));
                    }
                });
    }
}
