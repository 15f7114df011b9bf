package dev.interlink.platform.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.account.AccountService;
import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.log.RequestLogWriter;
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
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin routes the accounts and overview screens use: {@code POST /admin/accounts/{id}/test} and
 * {@code GET /admin/overview}, each for the signed-in admin's tenant only.
 */
@MicronautTest(transactional = false)
class AdminAccountsTest extends ApiTest {
    private static final String PASSWORD = "a long enough password";

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    AdminService admins;

    @Inject
    AccountService accounts;

    @Inject
    RequestLogWriter logWriter;

    Api api;
    TestTenant a;
    TestTenant b;
    String adminA;
    String adminB;

    @Override
    protected Map<String, String> extraProperties() {
        return new HashMap<>(ProviderSandbox.properties());
    }

    @BeforeAll
    void setUp() {
        api = new Api(server.getURI());
        a = TestTenants.create(tenants, api, "Admin accounts A");
        b = TestTenants.create(tenants, api, "Admin accounts B");
        adminA = adminToken(a);
        adminB = adminToken(b);
    }

    private String adminToken(TestTenant tenant) {
        AdminUser admin = admins.create(tenant.id(), "admin-" + UUID.randomUUID() + "@example.com", PASSWORD);
        Api.Response r = api.post(
                "/admin/sessions", null, Map.of("tenant", tenant.slug(), "email", admin.email(), "password", PASSWORD));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().get("access_token").asText();
    }

    private String importCats(TestTenant tenant, Sandbox.AccountInfo cats, String endUser) {
        Api.Response r = api.post(
                "/integrated-accounts",
                tenant.token(),
                Map.of(
                        "provider", "cats",
                        "end_user", Map.of("id", endUser, "name", "Ada " + endUser),
                        "credentials", Map.of("api_key", cats.apiKey())));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    void test_connection_with_good_credentials_is_ok_with_the_providers_time() {
        String id = importCats(a, ProviderSandbox.cats(), "ok-user");
        Api.Response r = api.post("/admin/accounts/" + id + "/test", adminA, Map.of());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.get("status").asInt()).isEqualTo(200);
        assertThat(body.get("remote_duration_ms").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(body.get("detail").asText()).contains("accepted");
    }

    @Test
    void test_connection_spends_the_accounts_provider_budget_like_any_other_call() {
        String id = importCats(a, ProviderSandbox.cats(), "budget-user");
        String path = "/unified/ats/users?integrated_account_id=" + id + "&limit=1";
        Api.Response before = api.get(path, a.token());
        assertThat(before.status()).as(before.text()).isEqualTo(200);
        int remaining = Integer.parseInt(before.header("X-Remote-RateLimit-Remaining"));

        assertThat(api.post("/admin/accounts/" + id + "/test", adminA, Map.of()).status())
                .isEqualTo(200);

        Api.Response after = api.get(path, a.token());
        // one slot for the connection test, one for this call
        assertThat(Integer.parseInt(after.header("X-Remote-RateLimit-Remaining")))
                .isEqualTo(remaining - 2);
    }

    @Test
    void test_connection_reports_a_provider_failure_without_secrets_and_changes_nothing() {
        Sandbox.AccountInfo cats = ProviderSandbox.cats();
        String id = importCats(a, cats, "outage-user");
        ProviderSandbox.get().setFault(cats.accountId(), "html500", 1.0, null, 0);
        try {
            Api.Response r = api.post("/admin/accounts/" + id + "/test", adminA, Map.of());
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.json().get("ok").asBoolean()).isFalse();
            assertThat(r.json().get("status").asInt()).isEqualTo(502);
            assertThat(r.text()).doesNotContain(cats.apiKey());
            assertThat(accounts.get(a.id(), id).status().wire()).isEqualTo("active");
        } finally {
            ProviderSandbox.get().clearFault(cats.accountId());
        }
    }

    @Test
    void test_connection_works_for_a_disabled_account() {
        String id = importCats(a, ProviderSandbox.cats(), "disabled-user");
        assertThat(api.patch("/integrated-accounts/" + id, a.token(), Map.of("status", "disabled"))
                        .status())
                .isEqualTo(200);
        Api.Response r = api.post("/admin/accounts/" + id + "/test", adminA, Map.of());
        assertThat(r.json().get("ok").asBoolean()).as(r.text()).isTrue();
    }

    @Test
    void another_tenants_account_is_not_found() {
        String id = importCats(a, ProviderSandbox.cats(), "private-user");
        Api.Response r = api.post("/admin/accounts/" + id + "/test", adminB, Map.of());
        assertThat(r.status()).as(r.text()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("INTEGRATION.ACCOUNT_NOT_FOUND");
        assertThat(api.post("/admin/accounts/not-a-uuid/test", adminB, Map.of()).status())
                .isEqualTo(404);
        assertThat(api.post("/admin/accounts/" + UUID.randomUUID() + "/test", adminA, Map.of())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void test_connection_needs_a_token() {
        String id = importCats(a, ProviderSandbox.cats(), "anon-user");
        assertThat(api.post("/admin/accounts/" + id + "/test", null, Map.of()).status())
                .isEqualTo(401);
    }

    @Test
    void overview_counts_only_the_admins_tenant_and_lists_accounts_needing_reauthorization() {
        TestTenant c = TestTenants.create(tenants, api, "Overview C");
        String adminC = adminToken(c);
        String first = importCats(c, ProviderSandbox.cats(), "c-1");
        importCats(c, ProviderSandbox.cats(), "c-2");
        String third = importCats(c, ProviderSandbox.cats(), "c-3");
        api.patch("/integrated-accounts/" + third, c.token(), Map.of("status", "disabled"));
        accounts.markNeedsReauth(c.id(), UUID.fromString(first), "CATS answered 401");
        api.get("/integrated-accounts/" + UUID.randomUUID(), c.token()); // a 404 in the request log
        logWriter.flush();

        Api.Response r = api.get("/admin/overview", adminC);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode body = r.json();
        Map<String, Long> counts = new HashMap<>();
        body.get("accounts")
                .forEach(n -> counts.put(
                        n.get("provider").asText() + "/" + n.get("status").asText(),
                        n.get("count").asLong()));
        assertThat(counts).isEqualTo(Map.of("cats/active", 1L, "cats/disabled", 1L, "cats/needs_reauth", 1L));
        assertThat(body.get("needs_reauth")).hasSize(1);
        assertThat(body.at("/needs_reauth/0/id").asText()).isEqualTo(first);
        assertThat(body.at("/needs_reauth/0/status_reason").asText()).isEqualTo("CATS answered 401");
        assertThat(body.at("/needs_reauth/0/end_user_id").asText()).isEqualTo("c-1");

        assertThat(body.get("last24_hours")).hasSize(24);
        assertThat(body.get("last7_days")).hasSize(7);
        long requests = 0;
        long errors = 0;
        for (JsonNode bucket : body.get("last24_hours")) {
            requests += bucket.get("requests").asLong();
            errors += bucket.get("errors").asLong();
        }
        assertThat(requests).isGreaterThanOrEqualTo(5);
        assertThat(errors).isGreaterThanOrEqualTo(1);

        // tenant B sees none of C's accounts or requests
        JsonNode other = api.get("/admin/overview", adminB).json();
        other.get("accounts").forEach(n -> assertThat(n.get("count").asLong()).isLessThan(3));
        assertThat(other.get("needs_reauth")).isEmpty();
        assertThat(other.toString()).doesNotContain(first);
    }

    @Test
    void overview_needs_a_token() {
        assertThat(api.get("/admin/overview", null).status()).isEqualTo(401);
    }
}
