package dev.interlink.platform.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A run whose replica died after committing two of its three pages: its scheduler row is left picked by a replica
 * that stopped heartbeating (what a SIGKILL leaves in scheduled_tasks), so another replica's scheduler revives it. The
 * revived run reads on from its committed position: no page twice, none lost, the snapshot equal to the listing.
 */
@MicronautTest(transactional = false)
class ImportResumeTest extends ApiTest {
    static final Sandbox SANDBOX = Sandbox.start(0);
    static final List<String> FIELDS = List.of("id", "last_name", "remote_updated_at");

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    DataSource dataSource;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(ImportTesting.properties(SANDBOX));
        // the run hands its thread back after two pages and would only go on in an hour: a replica dying here
        // leaves the run mid-way, which is the state this test needs
        p.put("interlink.imports.pages-per-turn", "2");
        p.put("interlink.imports.turn-pause", "1h");
        return p;
    }

    @AfterAll
    void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void a_run_revived_after_its_replica_died_goes_on_from_its_last_committed_page() throws Exception {
        Api api = new Api(server.getURI());
        TestTenant t = TestTenants.create(tenants, api, "Resume");
        String account = ImportTesting.catsAccount(api, t.token(), SANDBOX, 250).id();
        String importId = ImportTesting.createImport(api, t.token(), account, "candidates", FIELDS);
        String runId = api.post("/imports/" + importId + "/runs", t.token(), Map.of())
                .json()
                .path("id")
                .asText();
        JsonNode midway = ImportTesting.awaitPages(api, t.token(), importId, runId, 2);
        assertThat(midway.path("status").asText()).isEqualTo("running");
        assertThat(midway.path("records_read").asInt()).isEqualTo(200);

        int dead = ImportTesting.sql(
                dataSource,
                "update scheduled_tasks set picked = true, picked_by = 'killed-replica',"
                        + " last_heartbeat = now() - interval '1 hour', execution_time = now() - interval '1 minute'"
                        + " where task_name = 'import-run' and task_instance = '" + runId + "'");
        assertThat(dead).isEqualTo(1);

        JsonNode done = ImportTesting.awaitRun(api, t.token(), importId, runId);
        assertThat(done.path("status").asText()).isEqualTo("succeeded");
        assertThat(done.path("pages_read").asInt()).isEqualTo(3);
        assertThat(done.path("records_read").asInt()).isEqualTo(250);
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
                .containsExactlyElementsOf(ImportTesting.unifiedCandidates(api, t.token(), account, FIELDS));
    }
}
