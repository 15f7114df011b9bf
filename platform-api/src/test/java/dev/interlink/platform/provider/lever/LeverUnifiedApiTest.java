package dev.interlink.platform.provider.lever;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.oauth.OAuthApps;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.LeverConnection;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Lever connection end to end over the unified API: imported with OAuth tokens (verified with the catalog's
 * {@code GET /users?limit=1}), read, written, moved — through the OAuth 2.0 scheme of a stored account.
 */
@MicronautTest(transactional = false)
class LeverUnifiedApiTest extends ApiTest {
    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    OAuthApps apps;

    @Inject
    dev.interlink.platform.admin.AdminService admins;

    Api api;
    TestTenants.TestTenant tenant;
    String account;
    String leverAccount;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> props = new HashMap<>(ProviderSandbox.properties());
        props.put("interlink.provider.lever.rate-limit.rate-per-second", "100000");
        props.put("interlink.provider.lever.rate-limit.burst", "100000");
        props.put("interlink.inbound-rate.burst", "100000");
        return props;
    }

    @BeforeAll
    void link() {
        Sandbox sandbox = ProviderSandbox.get();
        api = new Api(server.getURI());
        tenant = TestTenants.create(tenants, api, "Lever Co");
        LeverConnection connection = LeverConnection.connect(sandbox, api, tenant, apps, 11, 40);
        account = connection.accountId();
        leverAccount = connection.lever().accountId();
    }

    Api.Response get(String path) {
        return api.get(path + (path.contains("?") ? "&" : "?") + "integrated_account_id=" + account, tenant.token());
    }

    Api.Response post(String path, Object body) {
        return api.post(path + "?integrated_account_id=" + account, tenant.token(), body);
    }

    @Test
    @org.junit.jupiter.api.DisplayName(
            "The admin's test connection refreshes an access token Lever stopped accepting, as a unified call would")
    void test_connection_refreshes_a_token_lever_refuses() {
        String email = "admin-" + java.util.UUID.randomUUID() + "@lever.example";
        admins.create(tenant.id(), email, "a long enough password");
        String adminToken = api.post(
                        "/admin/sessions",
                        null,
                        Map.of("tenant", tenant.slug(), "email", email, "password", "a long enough password"))
                .json()
                .get("access_token")
                .asText();
        ProviderSandbox.get().expireAccessTokens(leverAccount);

        Api.Response tested = api.post("/admin/accounts/" + account + "/test", adminToken, Map.of());

        assertThat(tested.status()).as(tested.text()).isEqualTo(200);
        assertThat(tested.json().get("ok").asBoolean()).as(tested.text()).isTrue();
        assertThat(get("/unified/ats/users?limit=1").status()).isEqualTo(200);
    }

    @Test
    void every_supported_resource_lists_in_the_unified_envelope() {
        for (String r : List.of("candidates", "applications", "jobs", "job_interview_stages", "users")) {
            Api.Response list = get("/unified/ats/" + r + "?limit=5");
            assertThat(list.status()).as(r + ": " + list.text()).isEqualTo(200);
            assertThat(list.json().get("result")).as(r).isNotEmpty();
        }
        assertThat(get("/unified/ats/companies").status()).isEqualTo(404);
        JsonNode caps = get("/integrated-accounts/" + account + "/capabilities").json();
        assertThat(caps.toString()).contains("candidates", "attachments").doesNotContain("\"companies\"");
    }

    @Test
    void a_name_search_is_refused_and_an_email_search_finds_the_candidate() {
        JsonNode first =
                get("/unified/ats/candidates?limit=1").json().get("result").get(0);
        Api.Response byName =
                get("/unified/ats/candidates?q=" + first.get("last_name").asText());
        assertThat(byName.status()).isEqualTo(400);
        assertThat(byName.code()).isEqualTo("INTEGRATION.FILTER_NOT_SUPPORTED");
        String email = first.at("/emails/0/email").asText();
        JsonNode hits = get("/unified/ats/candidates?q=" + email).json().get("result");
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).get("id").asText()).isEqualTo(first.get("id").asText());
    }

    @Test
    void a_candidate_is_created_applied_to_a_job_and_moved() {
        Api.Response created = post(
                "/unified/ats/candidates",
                Map.of(
                        "first_name", "Grace",
                        "last_name", "Hopper",
                        "title", "Rear Admiral",
                        "emails", List.of(Map.of("email", "grace.hopper@unified.example"))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().get("title").asText()).isEqualTo("Rear Admiral");
        String candidate = created.json().get("id").asText();
        String job = get("/unified/ats/jobs?limit=1").json().at("/result/0/id").asText();
        Api.Response applied = post("/unified/ats/applications", Map.of("candidate_id", candidate, "job_id", job));
        assertThat(applied.status()).as(applied.text()).isEqualTo(201);
        assertThat(applied.json().at("/job/id").asText()).isEqualTo(job);
        assertThat(applied.json().at("/candidate/id").asText()).isEqualTo(candidate);
        Api.Response again = post("/unified/ats/applications", Map.of("candidate_id", candidate, "job_id", job));
        assertThat(again.code()).isEqualTo("ATS.APPLICATION_ALREADY_EXISTS");
        String stage = RemoteKey.encode("lead-reached-out");
        Api.Response moved = post(
                "/unified/ats/applications/" + applied.json().get("id").asText() + "/move-stage",
                Map.of("stage_id", stage));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(moved.json().at("/current_stage/id").asText()).isEqualTo(stage);
        assertThat(moved.json().at("/current_stage/category").asText()).isEqualTo("NEW");
    }

    @Test
    void a_company_name_is_refused_before_any_call() {
        Api.Response r =
                post("/unified/ats/candidates", Map.of("first_name", "Ada", "company_name", "Analytical Engines Ltd"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("/company_name");
    }
}
