package dev.interlink.platform.changes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.DatabaseAvailable;
import dev.interlink.platform.testing.TestDatabase;
import dev.interlink.platform.testing.TestKeys;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import dev.interlink.platform.vault.TestVaultKeys;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two platform-api replicas on one schema, both running the db-scheduler poller every second, provider webhooks off:
 * polling alone must bring a recruiter's change to the events, exactly once across both replicas, and a poll left
 * "running" by a replica that died is revived by the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(DatabaseAvailable.class)
class TwoInstancePollingTest {
    static final Sandbox SANDBOX = Sandbox.start(0);

    private Map<String, String> database;
    private EmbeddedServer first;
    private EmbeddedServer second;
    private Api api;
    private TestTenant tenant;

    @BeforeAll
    void startTwoReplicas() {
        database = TestDatabase.freshSchema();
        Map<String, Object> props = new HashMap<>(database);
        props.putAll(TestVaultKeys.properties());
        props.put("interlink.jwt.keys", TestKeys.JWKS);
        props.put("micronaut.server.port", -1);
        props.put("interlink.provider.cats.base-url", SANDBOX.baseUrl() + "/cats/v3");
        props.put("interlink.provider.loxo.base-url", SANDBOX.baseUrl() + "/loxo");
        props.put("interlink.changes.enabled", "true");
        // two replicas plus the other builds on this server: keep the pools small (max_connections is shared)
        props.put("datasources.default.maximum-pool-size", "8");
        props.put("datasources.default.minimum-idle", "1");
        props.put("interlink.changes.poll-interval", "1s");
        props.put("interlink.scheduler.polling-interval", "200ms");
        props.put("interlink.scheduler.heartbeat-interval", "500ms");
        props.put("interlink.changes.provider-webhooks", "false");
        props.put("interlink.changes.test.record-events", "true");
        first = ApplicationContext.run(EmbeddedServer.class, props, "test");
        second = ApplicationContext.run(EmbeddedServer.class, props, "test");
        api = new Api(first.getURI());
        tenant = TestTenants.create(first.getApplicationContext().getBean(TenantService.class), api, "Two Pollers");
    }

    @AfterAll
    void stop() {
        if (first != null) first.close();
        if (second != null) second.close();
        SANDBOX.close();
        if (database != null) {
            TestDatabase.drop(database.get("interlink.test.base-url"), database.get("interlink.test.schema"));
        }
    }

    List<RecordingEvents.Published> stageChanges(UUID account) {
        List<RecordingEvents.Published> out = new ArrayList<>();
        for (EmbeddedServer s : List.of(first, second)) {
            s.getApplicationContext().getBean(RecordingEvents.class).ofType("ats.application.stage_changed").stream()
                    .filter(e -> account.toString().equals(e.data().get("integrated_account_id")))
                    .forEach(out::add);
        }
        return out;
    }

    Connection db() throws Exception {
        return DriverManager.getConnection(
                database.get("datasources.default.url"), TestDatabase.user(), TestDatabase.password());
    }

    boolean baselineTaken(UUID account) {
        try (Connection c = db();
                PreparedStatement ps =
                        c.prepareStatement("SELECT baseline_at IS NOT NULL FROM change_account WHERE account_id = ?")) {
            ps.setObject(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void awaitBaseline(UUID account, long timeoutMillis) {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!baselineTaken(account) && System.currentTimeMillis() < end) ChangeTesting.sleep(50);
        assertThat(baselineTaken(account)).as("baseline taken").isTrue();
    }

    @Test
    void two_replicas_polling_one_account_emit_a_recruiters_stage_change_exactly_once() {
        Sandbox.AccountInfo s = ChangeTesting.sandboxAccount(SANDBOX, "cats", 7, 5);
        UUID account = UUID.fromString(ChangeTesting.importAccount(api, tenant.token(), s));
        awaitBaseline(account, 15_000);
        SandboxCats cats = new SandboxCats(SANDBOX, s);
        SandboxCats.Pipeline p = cats.firstPipeline();

        long start = System.nanoTime();
        cats.move(p.id(), cats.otherStatus(p));
        List<RecordingEvents.Published> changed = ChangeTesting.await(() -> stageChanges(account), 15_000);
        assertThat(changed).hasSize(1);
        System.out.printf(
                "[measure] polling path (1 s interval, two replicas): stage change -> event in %d ms%n",
                (changed.get(0).atNanos() - start) / 1_000_000);
        assertThat(changed.get(0).data().get("source")).isEqualTo("poll");

        ChangeTesting.sleep(3_500); // several more ticks on both replicas
        assertThat(stageChanges(account)).hasSize(1);
        assertThat(pollRuns(account)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void a_poll_left_running_by_a_killed_replica_is_revived_by_another_replica() throws Exception {
        Sandbox.AccountInfo s = ChangeTesting.sandboxAccount(SANDBOX, "cats", 8, 5);
        UUID account = UUID.fromString(ChangeTesting.importAccount(api, tenant.token(), s));
        // park the account (ticks skip it) and let any poll already scheduled finish, then forget its baseline
        assertThat(api.patch("/integrated-accounts/" + account, tenant.token(), Map.of("status", "disabled"))
                        .status())
                .isEqualTo(200);
        ChangeTesting.sleep(1_500);
        try (Connection c = db()) {
            exec(c, "DELETE FROM change_record WHERE account_id = ?", account);
            exec(c, "DELETE FROM change_account WHERE account_id = ?", account);
            // what a replica killed mid-poll leaves behind: its execution picked, heartbeat stopped a minute ago
            try (PreparedStatement ps = c.prepareStatement(
                    """
                    INSERT INTO scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,
                                                 picked_by, last_heartbeat, version)
                    VALUES ('changes-poll', ?, ?, ?, true, 'killed-replica', ?, 1)""")) {
                ps.setString(1, account.toString());
                ps.setBytes(2, javaSerialized(tenant.id().toString()));
                ps.setTimestamp(3, Timestamp.from(Instant.now().minusSeconds(60)));
                ps.setTimestamp(4, Timestamp.from(Instant.now().minusSeconds(60)));
                ps.executeUpdate();
            }
        }
        assertThat(api.patch("/integrated-accounts/" + account, tenant.token(), Map.of("status", "active"))
                        .status())
                .isEqualTo(200);
        // ticks cannot schedule it (the dead row holds the (task, instance) key): only reviving the dead one polls
        awaitBaseline(account, 20_000);
    }

    static void exec(Connection c, String sql, UUID id) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            ps.executeUpdate();
        }
    }

    int pollRuns(UUID account) {
        try (Connection c = db();
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(*) FROM change_poll_run WHERE account_id = ?")) {
            ps.setObject(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** db-scheduler's default serializer is Java serialization. */
    static byte[] javaSerialized(String value) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(value);
        }
        return out.toByteArray();
    }
}
