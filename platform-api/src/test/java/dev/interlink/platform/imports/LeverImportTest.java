package dev.interlink.platform.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.oauth.OAuthApps;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.LeverConnection;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Lever applications import run twice with a stage move in between: Lever has no event feed, but its
 * opportunities list takes {@code updated_at_start} natively, so the second run lists only what changed since the
 * first one started (docs/imports.md, "Full and incremental runs").
 */
@MicronautTest(transactional = false)
class LeverImportTest extends ApiTest {
    static final List<String> FIELDS = List.of("id", "current_stage.id", "remote_updated_at");

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    OAuthApps apps;

    Api api;
    TestTenant t;
    String account;
    JsonNode first;
    JsonNode second;
    String movedId;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(ImportTesting.properties(ProviderSandbox.get()));
        p.put("interlink.provider.lever.rate-limit.rate-per-second", "100000");
        p.put("interlink.provider.lever.rate-limit.burst", "100000");
        return p;
    }

    @BeforeAll
    void runTwice() {
        api = new Api(server.getURI());
        t = TestTenants.create(tenants, api, "Lever imports");
        account = LeverConnection.connect(ProviderSandbox.get(), api, t, apps, 21, 60)
                .accountId();
        String importId = ImportTesting.createImport(api, t.token(), account, "applications", FIELDS);
        first = ImportTesting.runToEnd(api, t.token(), importId);

        movedId = api.get("/unified/ats/applications?limit=1&integrated_account_id=" + account, t.token())
                .json()
                .at("/result/0/id")
                .asText();
        Api.Response moved = api.post(
                "/unified/ats/applications/" + movedId + "/move-stage?integrated_account_id=" + account,
                t.token(),
                Map.of("stage_id", RemoteKey.encode("lead-reached-out")));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        second = ImportTesting.runToEnd(api, t.token(), importId);
    }

    @Test
    void the_second_run_lists_only_the_applications_lever_says_were_updated_since_the_first() {
        assertThat(first.path("mode").asText()).isEqualTo("full");
        assertThat(second.path("status").asText()).as(second.toString()).isEqualTo("succeeded");
        assertThat(second.path("mode").asText()).isEqualTo("incremental");
        assertThat(second.path("records_read").asInt())
                .isGreaterThanOrEqualTo(1)
                .isLessThan(first.path("records_read").asInt());
    }

    @Test
    void the_incremental_snapshot_equals_a_full_listing_after_the_move() throws Exception {
        List<JsonNode> snapshot = new ArrayList<>();
        new ObjectMapper()
                .readTree(ImportTesting.download(
                                server.getURI(),
                                "/snapshots/" + second.path("snapshot_id").asText() + "/records",
                                t.token())
                        .body())
                .path("records")
                .forEach(snapshot::add);
        List<JsonNode> listed = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(
                            "/unified/ats/applications?limit=100&integrated_account_id=" + account
                                    + (cursor == null ? "" : "&next_cursor=" + cursor),
                            t.token())
                    .json();
            for (JsonNode a : page.path("result")) {
                ObjectNode row = JsonNodeFactory.instance.objectNode();
                for (String f : FIELDS) {
                    JsonNode v = FieldPaths.value(a, f);
                    row.set(f, v.isMissingNode() ? row.nullNode() : v);
                }
                listed.add(row);
            }
            cursor = page.path("next_cursor").isTextual()
                    ? page.path("next_cursor").asText()
                    : null;
        } while (cursor != null);
        assertThat(snapshot).containsExactlyInAnyOrderElementsOf(listed);
        assertThat(snapshot)
                .filteredOn(r -> r.path("id").asText().equals(movedId))
                .singleElement()
                .satisfies(r -> assertThat(r.path("current_stage.id").asText())
                        .isEqualTo(RemoteKey.encode("lead-reached-out")));
    }
}
