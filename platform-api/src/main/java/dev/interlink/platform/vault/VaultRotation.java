package dev.interlink.platform.vault;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-encrypts every vault row that is not under the current primary key. Rows are claimed in batches with
 * {@code FOR UPDATE SKIP LOCKED}, each batch in its own short transaction, so it is safe while the service
 * runs and when several replicas rotate at once (each row is re-encrypted by exactly one of them, and a
 * concurrent {@link Vault#store} simply waits for or follows the batch).
 */
@Singleton
public class VaultRotation {
    private static final Logger LOG = LoggerFactory.getLogger(VaultRotation.class);

    private final JdbcOperations jdbc;
    private final VaultKeyRing ring;
    private final int batchSize;

    public VaultRotation(
            JdbcOperations jdbc,
            VaultKeyRing ring,
            @Value("${interlink.vault.rotation.batch-size:200}") int batchSize) {
        this.jdbc = jdbc;
        this.ring = ring;
        this.batchSize = batchSize;
    }

    /** How many rows use each key, and how many still need re-encryption. */
    /**
     * {@code sealingKeyId} differs from {@code primaryKeyId} while some live replica does not know the primary yet
     * ({@link VaultKeyRing}); rows are re-encrypted towards the sealing key.
     */
    public record Status(
            long primaryKeyId,
            long sealingKeyId,
            List<Long> configuredKeyIds,
            Map<Long, Long> rowsByKeyId,
            long pending) {}

    private record Row(UUID tenantId, UUID ownerId, String purpose, long keyId, byte[] ciphertext) {}

    /** Outcome of a rotation run: rows re-encrypted and rows that failed to decrypt (left as they are). */
    public record Result(int rotated, int failed) {}

    /** Re-encrypts one batch; returns how many rows it re-encrypted and how many failed. */
    @Transactional
    public Result rotateBatch() {
        // re-encrypt towards the key every replica can read, not blindly towards this replica's primary
        VaultKeys keys = ring.current();
        List<Row> rows = jdbc.prepareStatement(
                """
                select tenant_id, owner_id, purpose, key_id, ciphertext from vault_secret
                where key_id <> ? order by updated_at limit ? for update skip locked
                """,
                ps -> {
                    ps.setLong(1, keys.primaryKeyId());
                    ps.setInt(2, batchSize);
                    List<Row> list = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            list.add(new Row(
                                    rs.getObject(1, UUID.class),
                                    rs.getObject(2, UUID.class),
                                    rs.getString(3),
                                    rs.getLong(4),
                                    rs.getBytes(5)));
                        }
                    }
                    return list;
                });
        int rotated = 0;
        int failed = 0;
        for (Row row : rows) {
            SecretRef ref = new SecretRef(row.tenantId(), row.ownerId(), row.purpose());
            SealedSecret fresh;
            try {
                byte[] plaintext = keys.open(ref, new SealedSecret(row.keyId(), row.ciphertext()));
                try {
                    fresh = keys.seal(ref, plaintext);
                } finally {
                    java.util.Arrays.fill(plaintext, (byte) 0);
                }
            } catch (VaultException e) {
                failed++;
                LOG.error(
                        "Vault rotation: the secret of owner {} (tenant {}, purpose {}) did not decrypt: {}",
                        row.ownerId(),
                        row.tenantId(),
                        row.purpose(),
                        e.getMessage());
                // move it to the back of the queue so it cannot block the rows behind it
                jdbc.prepareStatement(
                        "update vault_secret set updated_at = now() where tenant_id = ? and owner_id = ? and purpose = ?",
                        ps -> {
                            ps.setObject(1, row.tenantId());
                            ps.setObject(2, row.ownerId());
                            ps.setString(3, row.purpose());
                            return ps.executeUpdate();
                        });
                continue;
            }
            rotated += jdbc.prepareStatement(
                    """
                    update vault_secret set key_id = ?, ciphertext = ?, updated_at = now()
                    where tenant_id = ? and owner_id = ? and purpose = ?
                    """,
                    ps -> {
                        ps.setLong(1, fresh.keyId());
                        ps.setBytes(2, fresh.ciphertext());
                        ps.setObject(3, row.tenantId());
                        ps.setObject(4, row.ownerId());
                        ps.setString(5, row.purpose());
                        return ps.executeUpdate();
                    });
        }
        return new Result(rotated, failed);
    }

    /**
     * Rotates until no batch makes progress. Rows that fail to decrypt are reported, not retried forever
     * (they stay on their old key and show up in {@link #status()}).
     */
    public Result rotateAll() {
        int rotated = 0;
        int failed = 0;
        while (true) {
            Result batch = rotateBatch();
            rotated += batch.rotated();
            failed += batch.failed();
            if (batch.rotated() == 0) {
                return new Result(rotated, failed);
            }
        }
    }

    @Transactional
    public Status status() {
        VaultKeys keys = ring.refresh();
        Map<Long, Long> byKey = jdbc.prepareStatement(
                "select key_id, count(*) from vault_secret group by key_id order by key_id", ps -> {
                    Map<Long, Long> map = new LinkedHashMap<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            map.put(rs.getLong(1), rs.getLong(2));
                        }
                    }
                    return map;
                });
        long pending = byKey.entrySet().stream()
                .filter(e -> e.getKey() != keys.primaryKeyId())
                .mapToLong(Map.Entry::getValue)
                .sum();
        return new Status(ring.configured().primaryKeyId(), keys.primaryKeyId(), keys.keyIds(), byKey, pending);
    }
}
