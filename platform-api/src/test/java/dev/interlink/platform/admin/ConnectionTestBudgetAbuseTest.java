package dev.interlink.platform.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.account.ProviderSandbox;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The attack: a tenant (or a leaked admin session) hammers "test connection" or re-submits credentials to burn the
 * end customer's provider quota (CATS: a rolling hourly limit per account, shared with everything else the customer
 * runs against CATS). Verification goes through the pipeline, so it spends the account's budget like any call: once
 * that is used up we refuse with 429 and the provider sees nothing more.
 */
@MicronautTest(transactional = false)
class ConnectionTestBudgetAbuseTest extends ApiTest {
    static final int BUDGET = 3;

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    AdminService admins;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(ProviderSandbox.properties());
        p.put("interlink.provider.cats.rate-limit.limit", String.valueOf(BUDGET)); // per account and hour
        return p;
    }

    long providerRequests(Sandbox.AccountInfo cats) {
        return ((Number) ProviderSandbox.get().counters(cats.accountId()).get("requests")).longValue();
    }

    @Test
    @DisplayName(
            "repeated test connections and re-links cannot spend more of an end customer's CATS quota than the account's budget")
    void hammering_verification_stays_within_the_accounts_budget() {
        Api api = new Api(server.getURI());
        TestTenant tenant = TestTenants.create(tenants, api, "Quota burner");
        AdminUser admin =
                admins.create(tenant.id(), "burner-" + UUID.randomUUID() + "@example.com", "a long enough password");
        String adminToken = api.post(
                        "/admin/sessions",
                        null,
                        Map.of("tenant", tenant.slug(), "email", admin.email(), "password", "a long enough password"))
                .json()
                .get("access_token")
                .asText();
        Sandbox.AccountInfo cats = ProviderSandbox.cats();
        String id = api.post(
                        "/integrated-accounts",
                        tenant.token(),
                        Map.of(
                                "provider", "cats",
                                "end_user", Map.of("id", "victim"),
                                "credentials", Map.of("api_key", cats.apiKey())))
                .json()
                .get("id")
                .asText(); // the import's verification: slot 1
        ProviderSandbox.get().resetCounters(cats.accountId());

        int ok = 0;
        int refused = 0;
        for (int i = 0; i < 20; i++) {
            Api.Response r = api.post("/admin/accounts/" + id + "/test", adminToken, Map.of());
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            if (r.json().get("ok").asBoolean()) {
                ok++;
            } else {
                assertThat(r.json().get("status").asInt()).isEqualTo(429);
                refused++;
            }
        }
        // a re-authorization link for the same account spends the same budget
        String link = api.post(
                        "/link-tokens",
                        tenant.token(),
                        Map.of("end_user", Map.of("id", "victim"), "integrated_account_id", id))
                .json()
                .get("link_token")
                .asText();
        Api.Response relink = api.send(
                "POST",
                "/link-session/accounts",
                null,
                Map.of("provider", "cats", "credentials", Map.of("api_key", cats.apiKey())),
                Map.of("X-Link-Token", link));
        assertThat(relink.status()).as(relink.text()).isEqualTo(429);

        assertThat(ok).isEqualTo(BUDGET - 1);
        assertThat(refused).isEqualTo(20 - (BUDGET - 1));
        assertThat(providerRequests(cats)).isEqualTo(BUDGET - 1);
    }
}
