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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When a run of a CATS import reads everything again instead of only the changes the event feed names: each case
 * runs an import twice on one 150-candidate account, and the second run must be full.
 */
@MicronautTest(transactional = false)
class ImportModeTest extends ApiTest {
    static final Sandbox SANDBOX = Sandbox.start(0);
    static final List<String> FIELDS = List.of("id", "first_name", "last_name");

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    DataSource dataSource;

    Api api;
    TestTenant t;
    String account;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(ImportTesting.properties(SANDBOX));
        p.put("interlink.imports.full-run-interval", "1h");
        return p;
    }

    @BeforeAll
    void account() {
        api = new Api(server.getURI());
        t = TestTenants.create(tenants, api, "Modes");
        account = ImportTesting.catsAccount(api, t.token(), SANDBOX, 150).id();
    }

    @AfterAll
    void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void an_import_with_filters_reads_everything_on_every_run() {
        String id = create(Map.of("created_after", "2000-01-01T00:00:00Z"));
        assertThat(ImportTesting.runToEnd(api, t.token(), id).path("mode").asText())
                .isEqualTo("full");
        JsonNode second = ImportTesting.runToEnd(api, t.token(), id);
        assertThat(second.path("mode").asText()).isEqualTo("full");
        assertThat(second.path("records_read").asInt()).isEqualTo(150);
    }

    @Test
    void a_run_after_the_fields_changed_reads_everything_again() {
        String id = create(Map.of());
        ImportTesting.runToEnd(api, t.token(), id);
        Api.Response patched = api.patch("/imports/" + id, t.token(), Map.of("fields", List.of("id", "last_name")));
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        JsonNode second = ImportTesting.runToEnd(api, t.token(), id);
        assertThat(second.path("mode").asText()).isEqualTo("full");
        assertThat(second.path("records_read").asInt()).isEqualTo(150);
    }

    @Test
    void a_run_once_the_last_full_run_is_older_than_the_full_run_interval_reads_everything_again() throws Exception {
        String id = create(Map.of());
        JsonNode first = ImportTesting.runToEnd(api, t.token(), id);
        assertThat(ImportTesting.runToEnd(api, t.token(), id).path("mode").asText())
                .isEqualTo("incremental");
        ImportTesting.sql(
                dataSource,
                "update import_run set started_at = started_at - interval '2 hours' where id = '"
                        + first.path("id").asText() + "'");
        JsonNode third = ImportTesting.runToEnd(api, t.token(), id);
        assertThat(third.path("mode").asText()).isEqualTo("full");
        assertThat(third.path("records_read").asInt()).isEqualTo(150);
    }

    String create(Map<String, String> filters) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("integrated_account_id", account);
        body.put("resource", "candidates");
        body.put("fields", FIELDS);
        body.put("filters", filters);
        Api.Response r = api.post("/imports", t.token(), body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().path("id").asText();
    }
}
