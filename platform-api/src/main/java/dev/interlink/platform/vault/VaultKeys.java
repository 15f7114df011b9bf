package dev.interlink.platform.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * The vault's keys: a Tink keyset of AES-256-GCM keys. The primary key encrypts; every enabled key decrypts,
 * so a new primary can be rolled out before old rows are re-encrypted ({@link VaultRotation}) and old keys
 * removed. Ciphertexts carry Tink's 5-byte prefix naming the key that made them.
 */
public final class VaultKeys {
    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final KeysetHandle handle;
    private final Aead aead;
    private final long primaryKeyId;
    private final List<Long> keyIds;

    private VaultKeys(KeysetHandle handle) throws GeneralSecurityException {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < handle.size(); i++) {
            KeysetHandle.Entry entry = handle.getAt(i);
            if (!(entry.getKey() instanceof AesGcmKey gcm)
                    || gcm.getParameters().getKeySizeBytes() != 32
                    || gcm.getParameters().getIvSizeBytes() != 12
                    || gcm.getParameters().getTagSizeBytes() != 16) {
                throw new GeneralSecurityException("key " + Integer.toUnsignedString(entry.getId())
                        + " is not an AES-256-GCM key (96-bit IV, 128-bit tag)");
            }
            if (entry.getStatus() == KeyStatus.ENABLED) {
                ids.add(Integer.toUnsignedLong(entry.getId()));
            }
        }
        this.handle = handle;
        this.aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        this.primaryKeyId = Integer.toUnsignedLong(handle.getPrimary().getId());
        this.keyIds = List.copyOf(ids);
    }

    /** Parses a Tink JSON keyset; the message of the exception never contains key material. */
    public static VaultKeys parse(String json) throws GeneralSecurityException {
        if (json == null || json.isBlank()) {
            throw new GeneralSecurityException("the keyset is empty");
        }
        KeysetHandle handle;
        try {
            handle = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new GeneralSecurityException("the keyset is not a Tink JSON keyset");
        }
        return new VaultKeys(handle);
    }

    /** A new keyset with one fresh AES-256-GCM key. */
    public static VaultKeys generate() {
        try {
            return new VaultKeys(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This keyset plus a fresh key that becomes the primary (the old keys still decrypt). */
    public VaultKeys withNewPrimary() {
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
            builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                    .withRandomId()
                    .makePrimary());
            return new VaultKeys(builder.build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * This keyset with {@code keyId} (one of its keys) as the primary: what a replica seals with while its own primary
     * is not yet known to every replica ({@link VaultKeyRing}).
     */
    public VaultKeys sealingWith(long keyId) {
        if (keyId == primaryKeyId) {
            return this;
        }
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
            for (int i = 0; i < builder.size(); i++) {
                if (Integer.toUnsignedLong(handle.getAt(i).getId()) == keyId) {
                    builder.getAt(i).makePrimary();
                    return new VaultKeys(builder.build());
                }
            }
            throw new IllegalArgumentException("key " + keyId + " is not in this keyset");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This keyset without the key {@code keyId} (which must not be the primary). */
    public VaultKeys without(long keyId) {
        if (keyId == primaryKeyId) {
            throw new IllegalArgumentException("the primary key cannot be removed");
        }
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
            for (int i = builder.size() - 1; i >= 0; i--) {
                if (Integer.toUnsignedLong(handle.getAt(i).getId()) == keyId) {
                    builder.deleteAt(i);
                }
            }
            return new VaultKeys(builder.build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The keyset as Tink JSON, WITH key material: for writing the configuration, never for logs. */
    public String toJson() {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public long primaryKeyId() {
        return primaryKeyId;
    }

    /** The ids of the keys that can decrypt. */
    public List<Long> keyIds() {
        return keyIds;
    }

    /** Encrypts under the primary key, bound to {@code ref}. */
    public SealedSecret seal(SecretRef ref, byte[] plaintext) {
        try {
            return new SealedSecret(primaryKeyId, aead.encrypt(plaintext, ref.associatedData()));
        } catch (GeneralSecurityException e) {
            throw new VaultException("encryption failed");
        }
    }

    /** Decrypts, or throws {@link VaultException} (fails closed) if anything about the ciphertext is off. */
    public byte[] open(SecretRef ref, SealedSecret box) {
        byte[] c = box.ciphertext();
        if (!keyIds.contains(box.keyId())) {
            throw new VaultException("the secret was encrypted with key " + box.keyId()
                    + ", which is not configured: it cannot be decrypted");
        }
        if (c == null
                || c.length < 5
                || c[0] != 0x01
                || Integer.toUnsignedLong(ByteBuffer.wrap(c, 1, 4).getInt()) != box.keyId()) {
            throw new VaultException("the secret's ciphertext does not match its key id");
        }
        try {
            return aead.decrypt(c, ref.associatedData());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new VaultException("the secret did not decrypt (tampered, truncated or bound to another owner)");
        }
    }

    @Override
    public String toString() {
        return "VaultKeys[primary=" + primaryKeyId + ", keys=" + keyIds + "]";
    }
}
