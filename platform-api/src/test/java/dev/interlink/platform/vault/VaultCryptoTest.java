package dev.interlink.platform.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.common.DevMode;
import io.micronaut.context.exceptions.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault's cryptography without a database: every way a ciphertext can be wrong fails closed. */
class VaultCryptoTest {
    static final VaultKeys KEYS = VaultKeys.generate();
    static final UUID TENANT = UUID.randomUUID();
    static final UUID ACCOUNT = UUID.randomUUID();
    static final SecretRef REF = SecretRef.credentials(TENANT, ACCOUNT);
    static final Credentials CREDS = Credentials.of(Map.of("api_key", "cats-secret-key-123"));

    @Test
    void credentials_round_trip_through_encryption() {
        SealedSecret box = Vault.seal(KEYS, REF, CREDS);
        assertThat(Vault.open(KEYS, REF, box)).isEqualTo(CREDS);
        assertThat(box.keyId()).isEqualTo(KEYS.primaryKeyId());
    }

    @Test
    void ciphertext_does_not_contain_the_plaintext() {
        SealedSecret box = Vault.seal(KEYS, REF, CREDS);
        assertThat(new String(box.ciphertext(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("cats-secret-key-123");
    }

    @Test
    void tampered_ciphertext_fails_to_decrypt() {
        SealedSecret box = Vault.seal(KEYS, REF, CREDS);
        byte[] c = box.ciphertext().clone();
        c[c.length - 3] ^= 0x01;
        assertThatThrownBy(() -> Vault.open(KEYS, REF, new SealedSecret(box.keyId(), c)))
                .isInstanceOf(VaultException.class);
    }

    @Test
    void truncated_ciphertext_fails_to_decrypt() {
        SealedSecret box = Vault.seal(KEYS, REF, CREDS);
        byte[] c = Arrays.copyOf(box.ciphertext(), box.ciphertext().length - 1);
        assertThatThrownBy(() -> Vault.open(KEYS, REF, new SealedSecret(box.keyId(), c)))
                .isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> Vault.open(KEYS, REF, new SealedSecret(box.keyId(), new byte[3])))
                .isInstanceOf(VaultException.class);
    }

    @Test
    void ciphertext_moved_to_another_account_fails_to_decrypt() {
        SealedSecret box = Vault.seal(KEYS, REF, CREDS);
        assertThatThrownBy(() -> Vault.open(KEYS, SecretRef.credentials(TENANT, UUID.randomUUID()), box))
                .isInstanceOf(VaultException.class);
    }

    @Test
    void ciphertext_moved_to_another_tenant_fails_to_decrypt() {
        SealedSecret box = Vault.seal(KEYS, REF, CREDS);
        assertThatThrownBy(() -> Vault.open(KEYS, SecretRef.credentials(UUID.randomUUID(), ACCOUNT), box))
                .isInstanceOf(VaultException.class);
    }

    @Test
    void ciphertext_read_for_another_purpose_fails_to_decrypt() {
        SealedSecret box = Vault.seal(KEYS, REF, CREDS);
        assertThatThrownBy(() -> Vault.open(KEYS, new SecretRef(TENANT, ACCOUNT, "oauth_tokens"), box))
                .isInstanceOf(VaultException.class);
    }

    @Test
    void ciphertext_under_an_unknown_key_fails_to_decrypt() {
        SealedSecret foreign = Vault.seal(VaultKeys.generate(), REF, CREDS);
        assertThatThrownBy(() -> Vault.open(KEYS, REF, foreign))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining("not configured");
    }

    @Test
    void ciphertext_with_a_lying_key_id_fails_to_decrypt() {
        SealedSecret box = Vault.seal(KEYS, REF, CREDS);
        VaultKeys rotated = KEYS.withNewPrimary();
        assertThatThrownBy(() -> Vault.open(rotated, REF, new SealedSecret(rotated.primaryKeyId(), box.ciphertext())))
                .isInstanceOf(VaultException.class);
    }

    @Test
    void a_new_primary_encrypts_while_old_keys_still_decrypt() {
        SealedSecret old = Vault.seal(KEYS, REF, CREDS);
        VaultKeys rotated = KEYS.withNewPrimary();
        assertThat(rotated.primaryKeyId()).isNotEqualTo(KEYS.primaryKeyId());
        assertThat(Vault.open(rotated, REF, old)).isEqualTo(CREDS);
        assertThat(Vault.seal(rotated, REF, CREDS).keyId()).isEqualTo(rotated.primaryKeyId());
    }

    @Test
    void credentials_to_string_masks_every_value() {
        Credentials c = Credentials.of(Map.of("api_key", "s3cr3t-value"));
        assertThat(c.toString()).isEqualTo("Credentials[api_key=***]");
    }

    @Test
    void credentials_refuse_to_be_serialized_as_json() {
        assertThatThrownBy(() -> new ObjectMapper().writeValueAsString(Map.of("c", CREDS)))
                .hasMessageContaining("never serialized")
                .hasMessageNotContaining("cats-secret-key-123");
    }

    @Test
    void a_keyset_that_is_not_tink_json_stops_startup_with_a_clear_message() {
        assertThatThrownBy(() -> VaultKeysFactory.load("{\"nope\":1}", "", new DevMode(false, "/tmp")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("INTERLINK_VAULT_KEYSET")
                .hasMessageContaining("invalid");
    }

    @Test
    void a_missing_keyset_stops_startup_outside_dev_mode() {
        assertThatThrownBy(() -> VaultKeysFactory.load("", "", new DevMode(false, "/tmp")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("No vault keyset configured");
    }

    @Test
    void dev_mode_generates_a_keyset_once_and_reuses_it(@TempDir Path home) throws Exception {
        DevMode dev = new DevMode(true, home.toString());
        VaultKeys first = VaultKeysFactory.load("", "", dev);
        VaultKeys second = VaultKeysFactory.load("", "", dev);
        assertThat(Files.exists(home.resolve("vault-keyset.json"))).isTrue();
        assertThat(second.primaryKeyId()).isEqualTo(first.primaryKeyId());
    }

    @Test
    void keyset_file_is_read_from_the_configured_path(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.json");
        Files.writeString(file, KEYS.toJson());
        assertThat(VaultKeysFactory.load("", file.toString(), new DevMode(false, "/tmp"))
                        .primaryKeyId())
                .isEqualTo(KEYS.primaryKeyId());
    }
}
