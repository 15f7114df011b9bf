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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tenant B addresses tenant A's import, run, snapshot, feed and rule ids on every imports route: 404, nothing changes. */
@MicronautTest(transactional = false)
class ImportCrossTenantTest extends ApiTest {
    static final Sandbox SANDBOX = Sandbox.start(0);

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    Api api;
    TestTenant a;
    TestTenant b;
    String account;
    String importId;
    String runId;
    String snapshotId;
    String feedId;
    String ruleId;

    @Override
    protected Map<String, String> extraProperties() {
        return ImportTesting.properties(SANDBOX);
    }

    @BeforeAll
    void setUp() {
        api = new Api(server.getURI());
        a = TestTenants.create(tenants, api, "Imports owner");
        b = TestTenants.create(tenants, api, "Imports intruder");
        account = ImportTesting.catsAccount(api, a.token(), SANDBOX, 20).id();
        importId = ImportTesting.createImport(api, a.token(), account, "candidates", List.of("id", "last_name"));
        JsonNode run = ImportTesting.runToEnd(api, a.token(), importId);
        runId = run.path("id").asText();
        snapshotId = run.path("snapshot_id").asText();
        feedId = api.post("/imports/" + importId + "/feeds", a.token(), Map.of())
                .json()
                .path("id")
                .asText();
        ruleId = api.post("/imports/" + importId + "/rules", a.token(), Map.of("when", "record_removed"))
                .json()
                .path("id")
                .asText();
    }

    @AfterAll
    void stopSandbox() {
        SANDBOX.close();
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of(new Route("GET", "/imports/{import}", null)),
                Arguments.of(new Route("PATCH", "/imports/{import}", Map.of("name", "stolen"))),
                Arguments.of(new Route("DELETE", "/imports/{import}", null)),
                Arguments.of(new Route("POST", "/imports/{import}/runs", Map.of())),
                Arguments.of(new Route("GET", "/imports/{import}/runs", null)),
                Arguments.of(new Route("GET", "/imports/{import}/runs/{run}", null)),
                Arguments.of(new Route("POST", "/imports/{import}/runs/{run}/cancel", Map.of())),
                Arguments.of(new Route("GET", "/imports/{import}/snapshots", null)),
                Arguments.of(new Route("GET", "/snapshots/{snapshot}/records?format=csv", null)),
                Arguments.of(new Route("GET", "/snapshots/{snapshot}/diff?against={snapshot}", null)),
                Arguments.of(new Route("POST", "/imports/{import}/feeds", Map.of())),
                Arguments.of(new Route("GET", "/imports/{import}/feeds", null)),
                Arguments.of(new Route("DELETE", "/imports/{import}/feeds/{feed}", null)),
                Arguments.of(new Route("POST", "/imports/{import}/rules", Map.of("when", "record_added"))),
                Arguments.of(new Route("GET", "/imports/{import}/rules", null)),
                Arguments.of(new Route("DELETE", "/imports/{import}/rules/{rule}", null)));
    }

    record Route(String method, String template, Map<String, Object> body) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void another_tenants_ids_answer_404(Route route) {
        String method = route.method();
        Object body = route.body();
        String path = route.template()
                .replace("{import}", importId)
                .replace("{run}", runId)
                .replace("{snapshot}", snapshotId)
                .replace("{feed}", feedId)
                .replace("{rule}", ruleId);
        Api.Response r = api.send(method, path, b.token(), body, Map.of());
        assertThat(r.status()).as(r.text()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("IMPORT.NOT_FOUND");
        // nothing of A's changed
        JsonNode mine = api.get("/imports/" + importId, a.token()).json();
        assertThat(mine.path("name").asText()).isEqualTo("candidates");
        assertThat(api.get("/imports/" + importId + "/feeds", a.token())
                        .json()
                        .path("result")
                        .size())
                .isGreaterThanOrEqualTo(1);
        assertThat(api.get("/imports/" + importId + "/rules", a.token())
                        .json()
                        .path("result")
                        .size())
                .isEqualTo(1);
    }

    @Test
    void another_tenants_account_cannot_be_imported() {
        Api.Response r = api.post(
                "/imports",
                b.token(),
                Map.of("integrated_account_id", account, "resource", "candidates", "fields", List.of("id")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/errors/0/pointer").asText()).isEqualTo("/integrated_account_id");
    }

    @Test
    void an_import_body_with_several_mistakes_lists_every_invalid_field_and_writes_nothing() {
        Api.Response r = api.post(
                "/imports",
                a.token(),
                Map.of(
                        "integrated_account_id",
                        account,
                        "resource",
                        "candidates",
                        "fields",
                        List.of("id", "no_such_field", "emails.0.nope"),
                        "schedule",
                        Map.of("every", "5m"),
                        "keep_snapshots",
                        0,
                        "colour",
                        "blue"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("PLATFORM.INPUT_INVALID");
        assertThat(r.json().path("errors").findValuesAsText("pointer"))
                .containsExactlyInAnyOrder("/colour", "/fields/1", "/fields/2", "/schedule/every", "/keep_snapshots");
        assertThat(api.get("/imports", a.token()).json().path("result").size()).isEqualTo(1);
    }

    @Test
    void a_filter_the_provider_cannot_apply_is_refused_when_the_import_is_created() {
        Api.Response r = api.post(
                "/imports",
                a.token(),
                Map.of(
                        "integrated_account_id",
                        account,
                        "resource",
                        "candidates",
                        "fields",
                        List.of("id"),
                        "filters",
                        Map.of("status", "open")));
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("INTEGRATION.FILTER_NOT_SUPPORTED");
    }

    @Test
    void a_cron_schedule_sets_the_next_run_at_its_next_time() {
        Api.Response r = api.post(
                "/imports",
                a.token(),
                Map.of(
                        "integrated_account_id",
                        account,
                        "resource",
                        "jobs",
                        "fields",
                        List.of("id", "name"),
                        "schedule",
                        Map.of("cron", "0 6 * * *")));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().path("next_run_at").asText()).endsWith("T06:00:00Z");
        api.delete("/imports/" + r.json().path("id").asText(), a.token());
    }

    @Test
    void the_field_picker_lists_nested_paths_with_their_types() {
        JsonNode fields = api.get("/import-fields?resource=applications", a.token())
                .json()
                .path("fields");
        assertThat(fields.findValuesAsText("path")).contains("current_stage.name", "candidate.id", "applied_at");
        assertThat(fields.findValuesAsText("path")).doesNotContain("remote_data");
    }
}
