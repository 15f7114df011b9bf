package dev.interlink.platform.vault;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores credential sets encrypted (AEAD, associated data = tenant + owner + purpose) in {@code vault_secret}
 * and gives them back decrypted, in memory only. Every method takes the tenant id: a row of another tenant is
 * neither found nor decryptable.
 */
@Singleton
public class Vault {
    /** Plain mapper for the vault's own encoding: not the application's, so no module can touch it. */
    private static final ObjectMapper ENCODING = new ObjectMapper();

    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

    private final JdbcOperations jdbc;
    private final VaultKeyRing ring;

    public Vault(JdbcOperations jdbc, VaultKeyRing ring) {
        this.jdbc = jdbc;
        this.ring = ring;
    }

    /** Encrypts {@code credentials} for {@code ref} (no database). */
    public static SealedSecret seal(VaultKeys keys, SecretRef ref, Credentials credentials) {
        byte[] plaintext = encode(credentials);
        try {
            return keys.seal(ref, plaintext);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** Decrypts a ciphertext made for {@code ref}, or throws {@link VaultException} (no database). */
    public static Credentials open(VaultKeys keys, SecretRef ref, SealedSecret box) {
        byte[] plaintext = keys.open(ref, box);
        try {
            return Credentials.of(ENCODING.readValue(plaintext, MAP));
        } catch (IOException | RuntimeException e) {
            throw new VaultException("the decrypted secret is not a credential set");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static byte[] encode(Credentials credentials) {
        try {
            return ENCODING.writeValueAsBytes(credentials.unmaskedCopy());
        } catch (IOException e) {
            throw new VaultException("the credential set could not be encoded");
        }
    }

    /** Encrypts and stores (insert or replace) the secret of {@code ref}. */
    @Transactional
    public void store(SecretRef ref, Credentials credentials) {
        SealedSecret box = seal(ring.current(), ref, credentials);
        jdbc.prepareStatement(
                """
                insert into vault_secret (tenant_id, owner_id, purpose, key_id, ciphertext, created_at, updated_at)
                values (?, ?, ?, ?, ?, now(), now())
                on conflict (tenant_id, owner_id, purpose)
                do update set key_id = excluded.key_id, ciphertext = excluded.ciphertext, updated_at = now()
                """,
                ps -> {
                    bind(ps, ref);
                    ps.setLong(4, box.keyId());
                    ps.setBytes(5, box.ciphertext());
                    return ps.executeUpdate();
                });
    }

    /** The decrypted secret of {@code ref}; empty if there is none; {@link VaultException} if it does not decrypt. */
    @Transactional
    public Optional<Credentials> load(SecretRef ref) {
        return readSealed(ref).map(box -> open(ring.current(), ref, box));
    }

    /** The raw row (for tests and rotation): key id and ciphertext. */
    @Transactional
    public Optional<SealedSecret> readSealed(SecretRef ref) {
        return jdbc.prepareStatement(
                "select key_id, ciphertext from vault_secret where tenant_id = ? and owner_id = ? and purpose = ?",
                ps -> {
                    bind(ps, ref);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next()
                                ? Optional.of(new SealedSecret(rs.getLong(1), rs.getBytes(2)))
                                : Optional.<SealedSecret>empty();
                    }
                });
    }

    /** Overwrites the raw row (tests use it to simulate a copied or tampered ciphertext). */
    @Transactional
    public void writeSealed(SecretRef ref, SealedSecret box) {
        jdbc.prepareStatement(
                """
                insert into vault_secret (tenant_id, owner_id, purpose, key_id, ciphertext) values (?, ?, ?, ?, ?)
                on conflict (tenant_id, owner_id, purpose)
                do update set key_id = excluded.key_id, ciphertext = excluded.ciphertext, updated_at = now()
                """,
                ps -> {
                    bind(ps, ref);
                    ps.setLong(4, box.keyId());
                    ps.setBytes(5, box.ciphertext());
                    return ps.executeUpdate();
                });
    }

    /** Deletes one secret (a provider webhook unsubscribed: its signing secret has no use left). */
    @Transactional
    public void delete(SecretRef ref) {
        jdbc.prepareStatement("delete from vault_secret where tenant_id = ? and owner_id = ? and purpose = ?", ps -> {
            bind(ps, ref);
            return ps.executeUpdate();
        });
    }

    /** Deletes every secret of one owner at once (e.g. when its account is deleted). */
    @Transactional
    public int wipe(UUID tenantId, UUID ownerId) {
        return jdbc.prepareStatement("delete from vault_secret where tenant_id = ? and owner_id = ?", ps -> {
            ps.setObject(1, tenantId);
            ps.setObject(2, ownerId);
            return ps.executeUpdate();
        });
    }

    /** The keys as agreed with the other replicas: all configured keys decrypt, the agreed one seals. */
    public VaultKeys keys() {
        return ring.current();
    }

    private static void bind(PreparedStatement ps, SecretRef ref) throws SQLException {
        ps.setObject(1, ref.tenantId());
        ps.setObject(2, ref.ownerId());
        ps.setString(3, ref.purpose());
    }
}
