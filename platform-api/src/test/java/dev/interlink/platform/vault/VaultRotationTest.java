package dev.interlink.platform.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rotation against PostgreSQL: the service runs with keyset NEW (= OLD + a new primary); rows written under
 * OLD are re-encrypted, after which OLD can be dropped from the keyset.
 */
@MicronautTest(transactional = false)
class VaultRotationTest extends ApiTest {
    static final VaultKeys OLD = VaultKeys.generate();
    static final VaultKeys NEW = OLD.withNewPrimary();

    @Inject
    Vault vault;

    @Inject
    VaultRotation rotation;

    @Inject
    VaultCommands commands;

    @Inject
    TenantService tenants;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("interlink.vault.keyset", NEW.toJson(), "interlink.vault.rotation.batch-size", "3");
    }

    private List<SecretRef> rowsUnderOldKey(int n) {
        UUID tenant = tenants.create("Rotation " + UUID.randomUUID()).tenant().id();
        List<SecretRef> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SecretRef ref = SecretRef.credentials(tenant, UUID.randomUUID());
            vault.writeSealed(ref, Vault.seal(OLD, ref, Credentials.of(Map.of("api_key", "key-" + i))));
            refs.add(ref);
        }
        return refs;
    }

    @Test
    void stored_credentials_round_trip() {
        SecretRef ref = SecretRef.credentials(tenants.create("RT").tenant().id(), UUID.randomUUID());
        Credentials c = Credentials.of(Map.of("api_key", "abc-123-secret"));
        vault.store(ref, c);
        assertThat(vault.load(ref)).contains(c);
        assertThat(vault.readSealed(ref).orElseThrow().keyId()).isEqualTo(NEW.primaryKeyId());
    }

    @Test
    void a_row_copied_to_another_account_fails_to_decrypt() {
        UUID tenant = tenants.create("Copy").tenant().id();
        SecretRef a = SecretRef.credentials(tenant, UUID.randomUUID());
        SecretRef b = SecretRef.credentials(tenant, UUID.randomUUID());
        vault.store(a, Credentials.of(Map.of("api_key", "aaa-secret")));
        vault.writeSealed(b, vault.readSealed(a).orElseThrow());
        assertThatThrownBy(() -> vault.load(b)).isInstanceOf(VaultException.class);
    }

    @Test
    void a_row_copied_to_another_tenant_fails_to_decrypt() {
        UUID account = UUID.randomUUID();
        SecretRef a = SecretRef.credentials(tenants.create("Copy A").tenant().id(), account);
        SecretRef b = SecretRef.credentials(tenants.create("Copy B").tenant().id(), account);
        vault.store(a, Credentials.of(Map.of("api_key", "aaa-secret")));
        vault.writeSealed(b, vault.readSealed(a).orElseThrow());
        assertThatThrownBy(() -> vault.load(b)).isInstanceOf(VaultException.class);
    }

    @Test
    void rotation_re_encrypts_every_row_under_the_new_primary_and_old_keys_can_then_be_removed() {
        List<SecretRef> refs = rowsUnderOldKey(7);
        assertThat(rotation.status().pending()).isGreaterThanOrEqualTo(7);

        VaultRotation.Result result = rotation.rotateAll();

        assertThat(result.failed()).isZero();
        assertThat(rotation.status().pending()).isZero();
        VaultKeys withoutOld = NEW.without(OLD.primaryKeyId());
        for (int i = 0; i < refs.size(); i++) {
            SealedSecret row = vault.readSealed(refs.get(i)).orElseThrow();
            assertThat(row.keyId()).isEqualTo(NEW.primaryKeyId());
            assertThat(Vault.open(withoutOld, refs.get(i), row).get("api_key")).isEqualTo("key-" + i);
        }
    }

    @Test
    void status_command_reports_rows_under_old_keys() {
        rowsUnderOldKey(2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(commands.status(new PrintStream(bytes, true, StandardCharsets.UTF_8)))
                .isZero();
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("Primary key: " + NEW.primaryKeyId())
                .contains("key " + OLD.primaryKeyId());
    }

    @Test
    void rotate_command_leaves_nothing_under_old_keys() {
        rowsUnderOldKey(4);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(commands.rotate(new PrintStream(bytes, true, StandardCharsets.UTF_8)))
                .isZero();
        assertThat(rotation.status().pending()).isZero();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain(NEW.toJson());
    }
}
