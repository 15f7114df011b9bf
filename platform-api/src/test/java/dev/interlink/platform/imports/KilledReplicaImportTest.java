package dev.interlink.platform.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ChildReplica;
import dev.interlink.platform.testing.DatabaseAvailable;
import dev.interlink.platform.testing.TestDatabase;
import dev.interlink.platform.testing.TestKeys;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import dev.interlink.platform.vault.TestVaultKeys;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A replica in a process of its own is killed with SIGKILL while a run is reading a page; a replica started after it
 * finishes the run from its last committed page. The test's own server runs no scheduler (imports off): it only
 * serves the API, so the kill is the only way the run can change hands.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(DatabaseAvailable.class)
class KilledReplicaImportTest {
    static final List<String> FIELDS = List.of("id", "last_name", "remote_updated_at");
    static final int CANDIDATES = 450; // five pages of 100

    private Sandbox sandbox;
    private EmbeddedServer server;
    private Map<String, Object> replica;

    @BeforeAll
    void start() {
        sandbox = Sandbox.start(0);
        Map<String, Object> props = new HashMap<>(TestDatabase.freshSchema());
        props.putAll(ImportTesting.properties(sandbox));
        props.putAll(TestVaultKeys.properties()); // one keyset for every process: the child decrypts what we stored
        props.put("interlink.jwt.keys", TestKeys.JWKS);
        props.put("micronaut.server.port", -1);
        props.put("datasources.default.maximum-pool-size", 4);
        replica = Map.copyOf(props);
        props.put("interlink.imports.enabled", "false");
        server = ApplicationContext.run(EmbeddedServer.class, props, "test");
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
        if (sandbox != null) sandbox.close();
    }

    @Test
    void a_run_whose_replica_is_killed_mid_page_is_finished_by_another_replica_without_a_page_lost_or_read_twice()
            throws Exception {
        Api api = new Api(server.getURI());
        TestTenant t =
                TestTenants.create(server.getApplicationContext().getBean(TenantService.class), api, "Killed import");
        ImportTesting.Account account = ImportTesting.catsAccount(api, t.token(), sandbox, CANDIDATES);
        String importId = ImportTesting.createImport(api, t.token(), account.id(), "candidates", FIELDS);
        String sandboxAccount = account.sandbox().accountId();
        // every provider answer takes 400 ms, so the kill finds a page in flight
        sandbox.setFault(sandboxAccount, "latency", 1.0, null, 400);
        sandbox.resetCounters(sandboxAccount);

        String runId;
        JsonNode atKill;
        try (ChildReplica first = new ChildReplica(replica)) {
            // queued here (this server runs no scheduler); the child's tick starts it
            runId = api.post("/imports/" + importId + "/runs", t.token(), Map.of())
                    .json()
                    .path("id")
                    .asText();
            awaitPages(api, t.token(), importId, runId, 2, first);
            first.kill();
            atKill = run(api, t.token(), importId, runId);
        }
        assertThat(atKill.path("status").asText()).isEqualTo("running");
        int committed = atKill.path("pages_read").asInt();
        assertThat(committed).isBetween(2, 4);
        assertThat(atKill.path("records_read").asInt()).isEqualTo(committed * 100);
        sandbox.clearFault(sandboxAccount);

        JsonNode done;
        try (ChildReplica second = new ChildReplica(replica)) {
            done = ImportTesting.awaitRun(api, t.token(), importId, runId);
        }
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.path("pages_read").asInt()).isEqualTo(5);
        assertThat(done.path("records_read").asInt()).isEqualTo(CANDIDATES);
        // the provider saw each page once, and at most once more the page that was in flight at the kill
        long requests = ((Number) sandbox.counters(sandboxAccount).get("requests")).longValue();
        assertThat(requests).isBetween(5L, 6L);

        JsonNode records = new ObjectMapper()
                .readTree(ImportTesting.download(
                                server.getURI(),
                                "/snapshots/" + done.path("snapshot_id").asText() + "/records",
                                t.token())
                        .body())
                .path("records");
        List<JsonNode> snapshot = new ArrayList<>();
        records.forEach(snapshot::add);
        assertThat(snapshot)
                .containsExactlyElementsOf(ImportTesting.unifiedCandidates(api, t.token(), account.id(), FIELDS));
    }

    private static JsonNode run(Api api, String token, String importId, String runId) {
        return api.get("/imports/" + importId + "/runs/" + runId, token).json();
    }

    private static void awaitPages(Api api, String token, String importId, String runId, int pages, ChildReplica child)
            throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (run(api, token, importId, runId).path("pages_read").asInt() >= pages) return;
            ImportTesting.sleep(50);
        }
        throw new AssertionError("the run did not read " + pages + " pages in 90 s: " + run(api, token, importId, runId)
                + "\n" + child.tail());
    }
}
