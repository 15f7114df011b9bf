package dev.interlink.platform.ats;

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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@MicronautTest(transactional = false)
class UnifiedAtsRoutesTest extends ApiTest {
    static final Sandbox SANDBOX = Sandbox.start(0);

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    Api api;
    TestTenant a;
    TestTenant b;
    String cats;
    String loxo;
    Sandbox.AccountInfo catsSandbox;

    @Override
    protected Map<String, String> extraProperties() {
        return SandboxAccounts.properties(SANDBOX);
    }

    @BeforeAll
    void accounts() {
        api = new Api(server.getURI());
        a = TestTenants.create(tenants, api, "Tenant A");
        b = TestTenants.create(tenants, api, "Tenant B");
        catsSandbox = SandboxAccounts.sandboxAccount(SANDBOX, "cats", 120);
        cats = SandboxAccounts.importAccount(api, a.token(), catsSandbox);
        loxo = SandboxAccounts.importAccount(api, a.token(), SandboxAccounts.sandboxAccount(SANDBOX, "loxo", 120));
    }

    @AfterAll
    void stopSandbox() {
        SANDBOX.close();
    }

    Api.Response get(String path, String account) {
        return api.get(path + (path.contains("?") ? "&" : "?") + "integrated_account_id=" + account, a.token());
    }

    @Test
    void a_list_answers_the_envelope_with_records_in_the_contract_shape() {
        Api.Response r = get("/unified/ats/candidates?limit=5", cats);
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("result")).hasSize(5);
        assertThat(body.get("result_count").asInt()).isEqualTo(5);
        // CATS lists candidates without their tags: the page says so (decision 0024)
        assertThat(body.get("is_partial_response").asBoolean()).isTrue();
        assertThat(body.get("warnings").findValuesAsText("code")).containsExactly("PARTIAL_RECORDS");
        assertThat(body.get("next_cursor").asText()).isNotBlank();
        JsonNode c = body.get("result").get(0);
        assertThat(c.get("id").asText()).matches("[A-Za-z0-9_-]+");
        assertThat(c.get("remote_id").asText()).matches("\\d+");
        assertThat(c.get("remote_created_at").asText()).endsWith("Z");
        assertThat(c.get("emails").get(0).get("is_primary").asBoolean()).isTrue();
        assertThat(c.get("owner").get("remote_id").asText()).isNotBlank();
        assertThat(c.has("remote_data")).isFalse();
    }

    @Test
    void paging_a_whole_resource_returns_every_record_exactly_once() {
        for (String account : List.of(cats, loxo)) {
            Set<String> ids = new HashSet<>();
            int total = 0;
            String cursor = null;
            do {
                Api.Response r = get(
                        "/unified/ats/candidates?limit=50" + (cursor == null ? "" : "&next_cursor=" + cursor), account);
                assertThat(r.status()).isEqualTo(200);
                for (JsonNode c : r.json().get("result")) {
                    ids.add(c.get("id").asText());
                    total++;
                }
                cursor = r.json().get("next_cursor").isNull()
                        ? null
                        : r.json().get("next_cursor").asText();
            } while (cursor != null);
            assertThat(total).isEqualTo(120);
            assertThat(ids).hasSize(120);
        }
    }

    @Test
    void a_cursor_replayed_with_other_filters_is_rejected() {
        String cursor = get("/unified/ats/candidates?limit=5", cats)
                .json()
                .get("next_cursor")
                .asText();
        Api.Response r = get("/unified/ats/candidates?limit=5&email=x@example.com&next_cursor=" + cursor, cats);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("PLATFORM.CURSOR_INVALID");
    }

    @Test
    void a_tampered_cursor_is_rejected() {
        String cursor = get("/unified/ats/candidates?limit=5", cats)
                .json()
                .get("next_cursor")
                .asText();
        String[] parts = cursor.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + "OTk5OjUw" + "." + parts[3];
        Api.Response r = get("/unified/ats/candidates?next_cursor=" + forged, cats);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("PLATFORM.CURSOR_INVALID");
    }

    @Test
    void an_unknown_query_parameter_is_rejected() {
        Api.Response r = get("/unified/ats/candidates?first_name=Ada", cats);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("PLATFORM.INPUT_INVALID");
    }

    @Test
    void a_filter_the_provider_cannot_apply_is_rejected_not_ignored() {
        Api.Response r = get("/unified/ats/companies?updated_after=2024-01-01T00:00:00Z", loxo);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("INTEGRATION.FILTER_NOT_SUPPORTED");
    }

    @Test
    void an_emulated_filter_is_applied_and_reported() {
        Api.Response r = get("/unified/ats/candidates?limit=100&created_after=2100-01-01T00:00:00Z", cats);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("result")).isEmpty();
        assertThat(r.json().get("warnings").get(0).get("code").asText()).isEqualTo("FILTER_EMULATED");
    }

    @Test
    void an_unknown_resource_is_resource_not_supported() {
        Api.Response r = get("/unified/ats/offers", cats);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("INTEGRATION.RESOURCE_NOT_SUPPORTED");
    }

    @Test
    void the_account_can_be_named_by_header() {
        Api.Response r =
                api.send("GET", "/unified/ats/jobs?limit=2", a.token(), null, Map.of("X-Integrated-Account-Id", loxo));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("result")).hasSize(2);
    }

    @Test
    void a_header_and_a_query_naming_different_accounts_are_rejected() {
        Api.Response r = api.send(
                "GET",
                "/unified/ats/jobs?integrated_account_id=" + cats,
                a.token(),
                null,
                Map.of("X-Integrated-Account-Id", loxo));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("PLATFORM.INPUT_INVALID");
    }

    @Test
    void remote_data_is_included_only_on_request() {
        JsonNode c = get("/unified/ats/jobs?limit=1&include_remote_data=true", loxo)
                .json()
                .get("result")
                .get(0);
        assertThat(c.get("remote_data").get("id").asText())
                .isEqualTo(c.get("remote_id").asText());
    }

    @Test
    void loxo_applications_have_composite_ids_that_get_the_same_record() {
        JsonNode app = get("/unified/ats/applications?limit=3", loxo)
                .json()
                .get("result")
                .get(0);
        assertThat(app.get("remote_id").asText()).startsWith("[");
        Api.Response one = get("/unified/ats/applications/" + app.get("id").asText(), loxo);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("id").asText()).isEqualTo(app.get("id").asText());
        assertThat(one.json().get("current_stage").get("category").asText()).isNotBlank();
    }

    @Test
    void job_interview_stages_carry_a_category_and_the_raw_value() {
        JsonNode stages = get("/unified/ats/job_interview_stages", cats).json().get("result");
        assertThat(stages).isNotEmpty();
        assertThat(stages.findValuesAsText("category")).contains("SUBMITTED", "INTERVIEW", "HIRED", "REJECTED");
        assertThat(stages.findValuesAsText("category_raw")).contains("placed");
    }

    @Test
    void attachment_content_streams_the_bytes_with_the_content_type() throws Exception {
        String candidate = get("/unified/ats/candidates?limit=1", cats)
                .json()
                .at("/result/0/id")
                .asText();
        JsonNode att = get("/unified/ats/attachments?candidate_id=" + candidate, cats)
                .json()
                .at("/result/0");
        String url = att.get("download_url").asText();
        assertThat(url).startsWith("/unified/ats/attachments/").contains("integrated_account_id=");
        HttpResponse<byte[]> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.getURI() + url))
                                .header("Authorization", "Bearer " + a.token())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse(""))
                .startsWith(att.get("content_type").asText());
        assertThat(r.body().length).isGreaterThan(10);
    }

    @Test
    void attachments_without_a_candidate_are_rejected_with_a_reason() {
        Api.Response r = get("/unified/ats/attachments", loxo);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("candidate_id");
    }

    @Test
    void the_organization_is_the_connected_account_itself() {
        JsonNode orgs = get("/unified/ats/organizations", cats).json().get("result");
        assertThat(orgs).hasSize(1);
        assertThat(get("/unified/ats/organizations/" + orgs.get(0).get("id").asText(), cats)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void the_user_directory_lists_the_ats_users() {
        Api.Response r = get("/unified/user-directory/users", loxo);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("result").get(0).get("email").asText()).contains("@");
    }

    @Test
    void responses_tell_platform_and_provider_time_apart() {
        Api.Response r = get("/unified/ats/users", cats);
        assertThat(Long.parseLong(r.header("X-Remote-Duration-Ms"))).isGreaterThanOrEqualTo(0);
        assertThat(Long.parseLong(r.header("X-Interlink-Duration-Ms"))).isGreaterThanOrEqualTo(0);
    }

    @Test
    void capabilities_list_operations_filters_and_fields_per_resource() {
        Api.Response r = api.get("/integrated-accounts/" + loxo + "/capabilities", a.token());
        assertThat(r.status()).isEqualTo(200);
        JsonNode apps = r.json().at("/resources/applications");
        assertThat(apps.get("operations").toString()).contains("list", "get");
        assertThat(apps.at("/filters/job_id").asText()).isEqualTo("native");
        assertThat(apps.get("fields").toString()).contains("current_stage");
        assertThat(r.json().at("/resources/companies/list_is_partial").asBoolean())
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/unified/ats/candidates",
                "/unified/ats/candidates/NDA3MDAwMDAx",
                "/unified/ats/jobs",
                "/unified/ats/applications",
                "/unified/ats/job_interview_stages",
                "/unified/ats/attachments?candidate_id=NDA3MDAwMDAx",
                "/unified/ats/attachments/NzQ0NzAwMDAx/content",
                "/unified/ats/companies",
                "/unified/ats/users",
                "/unified/ats/organizations",
                "/unified/ats/rejection_reasons",
                "/unified/ats/rejection_reasons/NTY5MTE5MDo2Mzc3MTAw",
                "/unified/user-directory/users",
                "/proxy/candidates"
            })
    void another_tenants_account_is_not_found(String route) {
        Api.Response r =
                api.get(route + (route.contains("?") ? "&" : "?") + "integrated_account_id=" + cats, b.token());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("INTEGRATION.ACCOUNT_NOT_FOUND");
    }

    @Test
    void another_tenants_account_has_no_capabilities() {
        Api.Response r = api.get("/integrated-accounts/" + cats + "/capabilities", b.token());
        assertThat(r.status()).isEqualTo(404);
    }
}
