package dev.interlink.platform.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.TestDatabase;
import dev.interlink.platform.testing.TestKeys;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Key rotation during a rolling deploy: replicas of two releases side by side on one schema. OLD = {A}, PHASE_ONE =
 * {A primary, B}, NEW = {A, B primary}.
 */
class VaultTwoPhaseRotationTest {
    static final VaultKeys OLD = VaultKeys.generate();
    static final VaultKeys NEW = OLD.withNewPrimary();
    static final long A = OLD.primaryKeyId();
    static final long B = NEW.primaryKeyId();
    static final VaultKeys PHASE_ONE = NEW.sealingWith(A);

    private final Map<String, String> database = TestDatabase.freshSchema();
    private ApplicationContext first;
    private ApplicationContext second;

    private ApplicationContext replica(VaultKeys keys) {
        Map<String, Object> props = new HashMap<>(database);
        props.put("interlink.jwt.keys", TestKeys.JWKS);
        props.put("interlink.vault.keyset", keys.toJson());
        props.put("interlink.vault.rotation.enabled", "false");
        props.put("interlink.changes.enabled", "false");
        props.put("interlink.webhooks.worker-enabled", "false");
        ApplicationContext context = ApplicationContext.run(props, "test");
        context.getBean(VaultKeyRing.class).refresh();
        return context;
    }

    @AfterEach
    void stop() {
        for (ApplicationContext c : new ApplicationContext[] {second, first}) {
            if (c != null && c.isRunning()) {
                c.close();
            }
        }
        TestDatabase.drop(database.get("interlink.test.base-url"), database.get("interlink.test.schema"));
    }

    private static SecretRef stored(ApplicationContext replica, String apiKey) {
        UUID tenant = replica.getBean(TenantService.class)
                .create("Vault " + UUID.randomUUID())
                .tenant()
                .id();
        SecretRef ref = SecretRef.credentials(tenant, UUID.randomUUID());
        replica.getBean(Vault.class).store(ref, Credentials.of(Map.of("api_key", apiKey)));
        return ref;
    }

    private static long keyOf(ApplicationContext replica, SecretRef ref) {
        return replica.getBean(Vault.class).readSealed(ref).orElseThrow().keyId();
    }

    @Test
    @DisplayName("A new primary shipped to one replica is not used while an old replica that lacks it is live, so the"
            + " old replica reads everything the new one writes")
    void newPrimaryWaitsForOldReplicas() {
        first = replica(OLD);
        second = replica(NEW);
        second.getBean(VaultKeyRing.class).refresh();

        SecretRef written = stored(second, "written-by-new");

        assertThat(keyOf(second, written)).isEqualTo(A);
        assertThat(first.getBean(Vault.class).load(written).orElseThrow().get("api_key"))
                .isEqualTo("written-by-new");
    }

    @Test
    @DisplayName("While an old replica is live, the rotation job re-encrypts nothing towards the new primary")
    void rotationWaitsForOldReplicas() {
        first = replica(OLD);
        SecretRef underA = stored(first, "old-row");
        second = replica(NEW);

        VaultRotation.Result result = second.getBean(VaultRotation.class).rotateAll();

        assertThat(result.rotated()).isZero();
        assertThat(keyOf(second, underA)).isEqualTo(A);
        assertThat(first.getBean(Vault.class).load(underA)).isPresent();
    }

    @Test
    @DisplayName("Once the last old replica has left, the new primary seals and rotation moves every row to it")
    void newPrimaryTakesOverWhenTheOldReplicaLeaves() {
        first = replica(OLD);
        SecretRef underA = stored(first, "old-row");
        second = replica(NEW);
        first.close();

        second.getBean(VaultKeyRing.class).refresh();
        SecretRef fresh = stored(second, "new-row");
        second.getBean(VaultRotation.class).rotateAll();

        assertThat(keyOf(second, fresh)).isEqualTo(B);
        assertThat(keyOf(second, underA)).isEqualTo(B);
        assertThat(second.getBean(Vault.class).load(underA).orElseThrow().get("api_key"))
                .isEqualTo("old-row");
    }

    @Test
    @DisplayName("In phase two the promoted key seals at once, and a phase-one replica (or a rollback to it) reads"
            + " those rows")
    void phaseOneReplicasReadPhaseTwoRows() {
        first = replica(PHASE_ONE);
        second = replica(NEW);

        SecretRef written = stored(second, "phase-two");

        assertThat(keyOf(second, written)).isEqualTo(B);
        assertThat(first.getBean(Vault.class).load(written).orElseThrow().get("api_key"))
                .isEqualTo("phase-two");
    }

    @Test
    @DisplayName("A replica killed without leaving stops holding back the new primary once its heartbeat is stale")
    void staleReplicasDoNotCount() throws Exception {
        second = replica(NEW);
        try (Connection c = DriverManager.getConnection(
                database.get("datasources.default.url"), TestDatabase.user(), TestDatabase.password())) {
            c.createStatement()
                    .execute("insert into vault_replica values ('killed-old-replica', '{" + A + "}', " + A
                            + ", now() - interval '10 minutes')");
        }

        second.getBean(VaultKeyRing.class).refresh();

        assertThat(keyOf(second, stored(second, "after-the-kill"))).isEqualTo(B);
    }

    @Test
    @DisplayName("The agreed key is the primary if all live replicas know it, else the key they all know and use")
    void agreementPicksTheCommonKey() {
        assertThat(VaultKeyRing.agree(NEW, List.of(Set.of(A, B), Set.of(A, B)), List.of(B, B)))
                .isEqualTo(B);
        assertThat(VaultKeyRing.agree(NEW, List.of(Set.of(A, B), Set.of(A)), List.of(B, A)))
                .isEqualTo(A);
    }
}
