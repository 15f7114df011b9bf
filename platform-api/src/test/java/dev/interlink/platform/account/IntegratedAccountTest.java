package dev.interlink.platform.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.ats.CallAccount;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import dev.interlink.platform.vault.SecretRef;
import dev.interlink.platform.vault.Vault;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The integrated-accounts API against PostgreSQL and the provider-sandbox. */
@MicronautTest(transactional = false)
class IntegratedAccountTest extends ApiTest {
    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    AccountService accounts;

    @Inject
    CallAccount calls;

    @Inject
    Vault vault;

    Api api;
    TestTenant tenant;

    @Override
    protected Map<String, String> extraProperties() {
        return ProviderSandbox.properties();
    }

    @BeforeAll
    void setUp() {
        api = new Api(server.getURI());
        tenant = TestTenants.create(tenants, api, "Accounts");
    }

    private Api.Response importCats(Sandbox.AccountInfo cats, String endUser) {
        return api.post(
                "/integrated-accounts",
                tenant.token(),
                Map.of(
                        "provider", "cats",
                        "end_user", Map.of("id", endUser, "name", "Ada", "email", "ada@example.com"),
                        "credentials", Map.of("api_key", cats.apiKey())));
    }

    private String newCatsAccount(String endUser) {
        Api.Response r = importCats(ProviderSandbox.cats(), endUser);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    void importing_valid_cats_credentials_creates_an_active_account() {
        Sandbox.AccountInfo cats = ProviderSandbox.cats();
        Api.Response r = importCats(cats, "user-1");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode body = r.json();
        assertThat(body.get("status").asText()).isEqualTo("active");
        assertThat(body.get("provider").asText()).isEqualTo("cats");
        assertThat(body.at("/end_user/id").asText()).isEqualTo("user-1");
        assertThat(r.text())
                .doesNotContain(cats.apiKey())
                .doesNotContain("credentials")
                .doesNotContain("tenant_id");
    }

    @Test
    void importing_loxo_credentials_with_an_agency_slug_creates_an_account() {
        Sandbox.AccountInfo loxo = ProviderSandbox.loxo();
        Api.Response r = api.post(
                "/integrated-accounts",
                tenant.token(),
                Map.of(
                        "provider", "loxo",
                        "end_user", Map.of("id", "loxo-user"),
                        "credentials", Map.of("api_key", loxo.apiKey(), "agency_slug", loxo.agencySlug())));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        String id = r.json().get("id").asText();
        assertThat(calls.resolve(tenant.id(), id).baseUrl()).isEqualTo(loxo.baseUrl());
        assertThat(accounts.resolveForCall(tenant.id(), id).credentials().get("domain"))
                .isEqualTo("app.loxo.co");
    }

    @Test
    void a_wrong_loxo_agency_slug_is_reported_as_invalid_credentials() {
        Sandbox.AccountInfo loxo = ProviderSandbox.loxo();
        Api.Response r = api.post(
                "/integrated-accounts",
                tenant.token(),
                Map.of(
                        "provider", "loxo",
                        "end_user", Map.of("id", "loxo-user"),
                        "credentials", Map.of("api_key", loxo.apiKey(), "agency_slug", "no-such-agency")));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("INTEGRATION.CREDENTIALS_INVALID");
    }

    @Test
    void every_invalid_field_is_listed_with_a_json_pointer() {
        Api.Response r = api.post(
                "/integrated-accounts",
                tenant.token(),
                Map.of(
                        "provider", "loxo",
                        "end_user", Map.of("name", "no id"),
                        "credentials", Map.of("api_key", "short", "domain", "evil.example.com")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("PLATFORM.INPUT_INVALID");
        assertThat(r.json().get("errors").findValuesAsText("pointer"))
                .containsExactlyInAnyOrder(
                        "/end_user/id", "/credentials/api_key", "/credentials/agency_slug", "/credentials/domain");
        assertThat(r.text()).doesNotContain("evil.example.com");
    }

    @Test
    void an_unknown_provider_is_an_invalid_input() {
        Api.Response r = api.post(
                "/integrated-accounts",
                tenant.token(),
                Map.of("provider", "nope", "end_user", Map.of("id", "u"), "credentials", Map.of()));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").findValuesAsText("pointer")).containsExactly("/provider");
    }

    @Test
    void rejected_credentials_answer_422_with_the_provider_reason_and_store_nothing() {
        Api.Response r =
                importCats(new Sandbox.AccountInfo("x", "cats", "wrong-key-123456", null, null), "rejected-user");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("INTEGRATION.CREDENTIALS_INVALID");
        assertThat(r.json().get("detail").asText()).contains("Invalid credentials");
        assertThat(r.text()).doesNotContain("wrong-key-123456");
        assertThat(api.get("/integrated-accounts?end_user_id=rejected-user", tenant.token())
                        .json()
                        .get("result_count")
                        .asInt())
                .isZero();
    }

    @Test
    void a_provider_error_page_answers_502_and_stores_nothing() {
        Sandbox.AccountInfo cats = ProviderSandbox.cats();
        ProviderSandbox.get().setFault(cats.accountId(), "html500", 1.0, null, 0);
        Api.Response r = importCats(cats, "outage-user");
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.code()).isEqualTo("REMOTE.SERVICE_UNAVAILABLE");
        assertThat(r.json().get("retryable").asBoolean()).isTrue();
        assertThat(api.get("/integrated-accounts?end_user_id=outage-user", tenant.token())
                        .json()
                        .get("result_count")
                        .asInt())
                .isZero();
    }

    @Test
    void a_provider_that_does_not_answer_in_time_answers_504() {
        Sandbox.AccountInfo cats = ProviderSandbox.cats();
        ProviderSandbox.get().setFault(cats.accountId(), "latency", 1.0, null, 4_000);
        Api.Response r = importCats(cats, "slow-user");
        assertThat(r.status()).isEqualTo(504);
        assertThat(r.code()).isEqualTo("REMOTE.TIMEOUT");
    }

    @Test
    void the_list_filters_by_end_user_and_paginates_with_a_cursor() {
        String endUser = "paged-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            newCatsAccount(endUser);
        }
        JsonNode first = api.get("/integrated-accounts?limit=2&end_user_id=" + endUser, tenant.token())
                .json();
        assertThat(first.get("result_count").asInt()).isEqualTo(2);
        String cursor = first.get("next_cursor").asText();
        JsonNode second = api.get(
                        "/integrated-accounts?limit=2&end_user_id=" + endUser + "&cursor=" + cursor, tenant.token())
                .json();
        assertThat(second.get("result_count").asInt()).isEqualTo(1);
        assertThat(second.get("next_cursor").isNull()).isTrue();
        assertThat(second.at("/result/0/id").asText())
                .isNotIn(
                        first.at("/result/0/id").asText(),
                        first.at("/result/1/id").asText());
    }

    @Test
    void a_malformed_cursor_is_rejected() {
        Api.Response r = api.get("/integrated-accounts?cursor=garbage", tenant.token());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("PLATFORM.CURSOR_INVALID");
    }

    @Test
    void the_list_filters_by_status_and_provider() {
        String id = newCatsAccount("status-filter");
        api.patch("/integrated-accounts/" + id, tenant.token(), Map.of("status", "disabled"));
        assertThat(api.get("/integrated-accounts?status=disabled&provider=cats", tenant.token())
                        .json()
                        .get("result")
                        .findValuesAsText("id"))
                .contains(id);
        assertThat(api.get("/integrated-accounts?status=active", tenant.token())
                        .json()
                        .get("result")
                        .findValuesAsText("id"))
                .doesNotContain(id);
    }

    @Test
    void a_disabled_account_cannot_be_used_for_calls() {
        String id = newCatsAccount("disabled-user");
        Api.Response r = api.patch("/integrated-accounts/" + id, tenant.token(), Map.of("status", "disabled"));
        assertThat(r.json().get("status").asText()).isEqualTo("disabled");
        assertThatThrownBy(() -> accounts.resolveForCall(tenant.id(), id))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code().code()).isEqualTo("INTEGRATION.ACCOUNT_DISABLED"));
    }

    @Test
    void patch_replaces_the_context() {
        String id = newCatsAccount("context-user");
        Api.Response r =
                api.patch("/integrated-accounts/" + id, tenant.token(), Map.of("context", Map.of("plan", "pro")));
        assertThat(r.json().at("/context/plan").asText()).isEqualTo("pro");
    }

    @Test
    void resolve_for_call_gives_credentials_base_url_and_auth_headers() {
        Sandbox.AccountInfo cats = ProviderSandbox.cats();
        String id = importCats(cats, "resolve-user").json().get("id").asText();
        ConnectedAccount c = accounts.resolveForCall(tenant.id(), id);
        ConnectorContext ctx = calls.resolve(tenant.id(), id);
        assertThat(ctx.baseUrl()).isEqualTo(cats.baseUrl());
        assertThat(ctx.auth().headers()).containsEntry("Authorization", "Token " + cats.apiKey());
        assertThat(c.credentials().get("api_key")).isEqualTo(cats.apiKey());
        assertThat(c.toString()).doesNotContain(cats.apiKey());
    }

    @Test
    void resolve_for_call_with_a_malformed_id_is_not_found() {
        assertThatThrownBy(() -> accounts.resolveForCall(tenant.id(), "not-a-uuid"))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code().code()).isEqualTo("INTEGRATION.ACCOUNT_NOT_FOUND"));
    }

    @Test
    void an_account_marked_needs_reauth_cannot_be_used_until_re_authorized_in_place() {
        Sandbox.AccountInfo cats = ProviderSandbox.cats();
        String id = importCats(cats, "reauth-user").json().get("id").asText();
        accounts.markNeedsReauth(tenant.id(), UUID.fromString(id), "CATS answered 401");
        assertThatThrownBy(() -> accounts.resolveForCall(tenant.id(), id))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code().code()).isEqualTo("INTEGRATION.REAUTH_REQUIRED"));

        Sandbox.AccountInfo fresh = ProviderSandbox.cats();
        Api.Response r = api.put(
                "/integrated-accounts/" + id + "/credentials",
                tenant.token(),
                Map.of("credentials", Map.of("api_key", fresh.apiKey())));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("id").asText()).isEqualTo(id);
        assertThat(r.json().get("status").asText()).isEqualTo("active");
        assertThat(accounts.resolveForCall(tenant.id(), id).credentials().get("api_key"))
                .isEqualTo(fresh.apiKey());
    }

    @Test
    void the_status_history_records_every_change() {
        String id = newCatsAccount("history-user");
        api.patch("/integrated-accounts/" + id, tenant.token(), Map.of("status", "disabled"));
        api.patch("/integrated-accounts/" + id, tenant.token(), Map.of("status", "active"));
        assertThat(api.get("/integrated-accounts/" + id + "/status-history", tenant.token())
                        .json()
                        .get("result")
                        .findValuesAsText("status"))
                .containsExactly("active", "disabled", "active");
    }

    @Test
    void deleting_an_account_wipes_its_credentials_at_once() {
        String id = newCatsAccount("deleted-user");
        assertThat(api.delete("/integrated-accounts/" + id, tenant.token()).status())
                .isEqualTo(204);
        assertThat(vault.readSealed(SecretRef.credentials(tenant.id(), UUID.fromString(id))))
                .isEmpty();
        Api.Response r = api.get("/integrated-accounts/" + id, tenant.token());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("INTEGRATION.ACCOUNT_NOT_FOUND");
    }

    @Test
    void last_used_is_recorded() {
        String id = newCatsAccount("touch-user");
        accounts.touchLastUsed(tenant.id(), UUID.fromString(id));
        assertThat(api.get("/integrated-accounts/" + id, tenant.token())
                        .json()
                        .get("last_used_at")
                        .isNull())
                .isFalse();
    }

    @Test
    void the_integrations_route_lists_the_catalog_without_internals() {
        Api.Response r = api.get("/integrations", tenant.token());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("result").findValuesAsText("id")).contains("cats", "loxo");
        assertThat(r.text())
                .doesNotContain("127.0.0.1:" + ProviderSandbox.get().port())
                .doesNotContain("Token {");
    }

    @Test
    void a_logo_is_public_svg_with_cache_headers() {
        Api.Response r = api.get("/integrations/cats/logo.svg", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("image/svg+xml");
        assertThat(r.header("Cache-Control")).contains("max-age");
        assertThat(r.text()).startsWith("<svg");
    }
}
