package dev.interlink.platform.oauth;

import dev.interlink.platform.vault.SecretRef;
import dev.interlink.platform.vault.Vault;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * The row replicas coordinate an account's refresh on ({@code oauth_token_state}): a lease around the token call and a
 * version that fences every save. The tokens themselves stay in the vault.
 */
@Singleton
public class TokenStateStore {
    private final JdbcOperations jdbc;
    private final Vault vault;

    public TokenStateStore(JdbcOperations jdbc, Vault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    /** The current version of the account's token pair (the row is created at version 0 when missing). */
    @Transactional
    public long version(UUID tenantId, UUID accountId) {
        jdbc.prepareStatement(
                "insert into oauth_token_state (account_id, tenant_id) values (?, ?) on conflict do nothing", ps -> {
                    ps.setObject(1, accountId);
                    ps.setObject(2, tenantId);
                    return ps.executeUpdate();
                });
        return jdbc.prepareStatement("select version from oauth_token_state where account_id = ?", ps -> {
            ps.setObject(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** When the stored pair was last refreshed here (null: never, e.g. just imported). */
    @Transactional
    public Instant refreshedAt(UUID accountId) {
        return jdbc.prepareStatement("select refreshed_at from oauth_token_state where account_id = ?", ps -> {
            ps.setObject(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
                return t == null ? null : t.toInstant();
            }
        });
    }

    /** Takes the account's refresh lease until {@code until} if it is free or expired. */
    @Transactional
    public boolean tryLease(UUID accountId, String owner, Instant now, Instant until) {
        return jdbc.prepareStatement(
                        """
                        update oauth_token_state set lease_owner = ?, lease_until = ?
                        where account_id = ? and (lease_until is null or lease_until < ?)""",
                        ps -> {
                            ps.setString(1, owner);
                            ps.setTimestamp(2, Timestamp.from(until));
                            ps.setObject(3, accountId);
                            ps.setTimestamp(4, Timestamp.from(now));
                            return ps.executeUpdate();
                        })
                == 1;
    }

    /** Gives the lease back, if it is still ours. */
    @Transactional
    public void release(UUID accountId, String owner) {
        jdbc.prepareStatement(
                "update oauth_token_state set lease_owner = null, lease_until = null where account_id = ? and lease_owner = ?",
                ps -> {
                    ps.setObject(1, accountId);
                    ps.setString(2, owner);
                    return ps.executeUpdate();
                });
    }

    /**
     * Saves a refreshed pair in one transaction with its version bump — only if the stored version is still
     * {@code fromVersion}. False means a newer pair was saved meanwhile; this one must not replace it.
     */
    @Transactional
    public boolean save(UUID tenantId, UUID accountId, long fromVersion, TokenSet tokens, Instant now) {
        int updated = jdbc.prepareStatement(
                """
                update oauth_token_state
                set version = version + 1, access_expires_at = ?, refreshed_at = ?, lease_owner = null,
                    lease_until = null
                where account_id = ? and version = ?""",
                ps -> {
                    ps.setTimestamp(1, tokens.expiresAt() == null ? null : Timestamp.from(tokens.expiresAt()));
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setObject(3, accountId);
                    ps.setLong(4, fromVersion);
                    return ps.executeUpdate();
                });
        if (updated == 1) {
            vault.store(SecretRef.credentials(tenantId, accountId), tokens.credentials());
        }
        return updated == 1;
    }

    /** New credentials from outside a refresh (re-authorization): bump the version so no refresh in flight saves. */
    @Transactional
    public void replaced(UUID tenantId, UUID accountId, Instant expiresAt) {
        version(tenantId, accountId);
        jdbc.prepareStatement(
                "update oauth_token_state set version = version + 1, access_expires_at = ? where account_id = ?",
                ps -> {
                    ps.setTimestamp(1, expiresAt == null ? null : Timestamp.from(expiresAt));
                    ps.setObject(2, accountId);
                    return ps.executeUpdate();
                });
    }
}
