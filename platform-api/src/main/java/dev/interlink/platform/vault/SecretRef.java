package dev.interlink.platform.vault;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a secret belongs: tenant, owner (e.g. the integrated account id) and purpose (e.g.
 * {@code credentials}). It is the AEAD associated data, so a ciphertext decrypts only for the same ref.
 */
public record SecretRef(UUID tenantId, UUID ownerId, String purpose) {
    public static final String CREDENTIALS = "credentials";

    public SecretRef {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(purpose, "purpose");
        if (purpose.isBlank() || purpose.contains("|")) {
            throw new IllegalArgumentException("purpose must be non-empty and contain no '|'");
        }
    }

    public static SecretRef credentials(UUID tenantId, UUID accountId) {
        return new SecretRef(tenantId, accountId, CREDENTIALS);
    }

    byte[] associatedData() {
        return ("interlink-vault/v1|" + tenantId + "|" + ownerId + "|" + purpose).getBytes(StandardCharsets.UTF_8);
    }
}
