package dev.interlink.platform.vault;

/** A ciphertext and the Tink key id that produced it (stored with the row so rotation can find old rows). */
public record SealedSecret(long keyId, byte[] ciphertext) {
    @Override
    public String toString() {
        return "SealedSecret[key_id=" + keyId + ", " + ciphertext.length + " bytes]";
    }
}
