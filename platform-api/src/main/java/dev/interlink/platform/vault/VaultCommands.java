package dev.interlink.platform.vault;

import jakarta.inject.Singleton;
import java.io.PrintStream;

/**
 * Operator commands for {@code ./interlink vault rotate} and {@code ./interlink vault status}. They print
 * key ids and counts only, never key material. Exit codes: 0 ok, 1 rows could not be re-encrypted.
 */
@Singleton
public class VaultCommands {
    private final VaultRotation rotation;

    public VaultCommands(VaultRotation rotation) {
        this.rotation = rotation;
    }

    /** Re-encrypts every secret under the primary key; prints what it did. */
    public int rotate(PrintStream out) {
        VaultRotation.Result result = rotation.rotateAll();
        VaultRotation.Status status = rotation.status();
        out.println("Re-encrypted " + result.rotated() + " secret(s) under key " + status.sealingKeyId() + ".");
        if (status.sealingKeyId() != status.primaryKeyId()) {
            out.println("Key " + status.primaryKeyId() + " is not known to every live replica yet: deploy it to all"
                    + " of them (phase 1) before it becomes the primary (docs/vault.md).");
            return 1;
        }
        if (result.failed() > 0 || status.pending() > 0) {
            out.println(status.pending() + " secret(s) still use an old key (" + result.failed()
                    + " failed to decrypt: is the old key still configured?).");
            return 1;
        }
        out.println("All secrets use the primary key; keys other than " + status.primaryKeyId()
                + " can now be removed from the keyset.");
        return 0;
    }

    /** Prints the primary key, the configured keys and how many rows still use old keys. */
    public int status(PrintStream out) {
        VaultRotation.Status status = rotation.status();
        out.println("Primary key: " + status.primaryKeyId());
        if (status.sealingKeyId() != status.primaryKeyId()) {
            out.println("Sealing with key " + status.sealingKeyId() + ": not every live replica knows key "
                    + status.primaryKeyId() + " yet (docs/vault.md, rotation in two phases)");
        }
        out.println("Configured keys: " + status.configuredKeyIds());
        status.rowsByKeyId()
                .forEach((key, count) -> out.println("  key " + key + ": " + count + " secret(s)"
                        + (key == status.primaryKeyId() ? " (primary)" : "")
                        + (status.configuredKeyIds().contains(key) ? "" : " (KEY NOT CONFIGURED)")));
        out.println("Secrets still under old keys: " + status.pending());
        return 0;
    }
}
