package dev.interlink.platform.vault;

/**
 * A ciphertext did not decrypt (tampered, truncated, moved to another row or tenant, or under a key that is
 * no longer configured), or the vault is misconfigured. Fails closed: the caller gets no plaintext. The
 * message never holds a secret.
 */
public class VaultException extends RuntimeException {
    public VaultException(String message) {
        super(message, null, false, false);
    }
}
