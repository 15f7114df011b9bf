package dev.interlink.platform.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A long run hands its scheduler thread back between turns and is resumed from what it committed, its working time
 * included. Here every page is a turn of its own, so whatever a turn carries over wrongly compounds thirty times.
 */
@MicronautTest(transactional = false)
class ImportTurnsTest extends ApiTest {
    static final Sandbox SANDBOX = Sandbox.start(0);
    static final int CANDIDATES = 3_000; // thirty pages of 100

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(ImportTesting.properties(SANDBOX));
        p.put("interlink.imports.pages-per-turn", "1");
        return p;
    }

    @AfterAll
    void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void a_run_resumed_turn_after_turn_keeps_an_eta_that_follows_its_pace() {
        Api api = new Api(server.getURI());
        TestTenant t = TestTenants.create(tenants, api, "Turns");
        String account =
                ImportTesting.catsAccount(api, t.token(), SANDBOX, CANDIDATES).id();
        String importId = ImportTesting.createImport(api, t.token(), account, "candidates", List.of("id", "last_name"));
        String runId = api.post("/imports/" + importId + "/runs", t.token(), Map.of())
                .json()
                .path("id")
                .asText();

        JsonNode late = ImportTesting.awaitPages(api, t.token(), importId, runId, 20);
        if (late.path("status").asText().equals("running")) {
            // ten pages left at a pace of milliseconds a page: anything beyond minutes is a miscounted pace
            Instant eta = Instant.parse(late.path("progress").path("eta").asText());
            assertThat(eta).isBefore(Instant.now().plus(Duration.ofMinutes(10)));
        }
        JsonNode done = ImportTesting.awaitRun(api, t.token(), importId, runId);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.path("pages_read").asInt()).isEqualTo(30);
        assertThat(done.path("records_read").asInt()).isEqualTo(CANDIDATES);
    }
}
