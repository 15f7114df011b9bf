package dev.interlink.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import dev.interlink.sandbox.spi.ProviderInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProvidersSpiTest {
    static Sandbox sb;

    @BeforeAll
    static void start() {
        sb = Sandbox.start(0);
    }

    @AfterAll
    static void stop() {
        sb.close();
    }

    static Http.Res admin(String method, String path, Object body) {
        return Http.send(
                method,
                sb.baseUrl() + path,
                body == null ? null : Http.json(body),
                "X-Sandbox-Admin-Token",
                Sandbox.DEFAULT_ADMIN_TOKEN,
                "Content-Type",
                "application/json");
    }

    @Test
    void control_api_lists_every_simulated_provider_with_its_base_path() {
        var r = admin("GET", "/_sandbox/providers", null);
        assertEquals(200, r.status());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) r.any();
        List<String> ids = list.stream().map(m -> (String) m.get("id")).toList();
        assertEquals(sb.providers().stream().map(ProviderInfo::id).toList(), ids);
        assertEquals(List.of("cats", "loxo", "lever"), ids);
        assertEquals("/cats/v3", list.get(0).get("base_path"));
        assertEquals("/loxo/api/{agency_slug}", list.get(1).get("account_base_path"));
        assertEquals("/lever/v1", list.get(2).get("base_path"));
        assertEquals("/lever/auth/oauth/token", Http.at(list.get(2), "oauth", "token_path"));
    }

    @Test
    void every_listed_provider_accepts_accounts_and_serves_under_its_account_base_path() {
        for (ProviderInfo p : sb.providers()) {
            Sandbox.AccountInfo a = sb.createAccount(p.id(), 1, 3);
            assertEquals(p.id(), a.provider());
            String template = p.accountBasePath().replace("{agency_slug}", String.valueOf(a.agencySlug()));
            assertEquals(sb.baseUrl() + template, a.baseUrl(), p.id());
            // an unauthenticated call reaches the provider's own front door (not the sandbox's generic 404)
            var r = Http.send("GET", a.baseUrl() + "/", null);
            assertNotEquals(200, r.status(), p.id());
            assertFalse(r.body().equals("{\"message\":\"Not found.\"}") && r.status() == 404, p.id());
        }
    }

    @Test
    void an_unknown_provider_is_rejected_naming_the_known_ones() {
        var r = admin("POST", "/_sandbox/accounts", Map.of("provider", "nope"));
        assertEquals(400, r.status());
        for (ProviderInfo p : sb.providers()) assertTrue(r.body().contains("\\\"" + p.id() + "\\\""), r.body());
    }

    @Test
    void the_sandbox_clock_moves_forward_through_the_control_api_and_resets() {
        long before = sb.clockMillis();
        var r = admin("POST", "/_sandbox/clock", Map.of("advance_seconds", 3600));
        assertEquals(200, r.status());
        long now = ((Number) r.json().get("now_ms")).longValue();
        assertTrue(now >= before + 3_600_000L, "clock did not advance");
        assertEquals(200, admin("DELETE", "/_sandbox/clock", null).status());
        assertTrue(sb.clockMillis() < before + 3_600_000L);
    }

    @Test
    @SuppressWarnings("unchecked")
    void demo_accounts_list_one_connectable_credential_set_per_simulator() {
        try (Sandbox demo = Sandbox.start(0)) {
            demo.createDemoAccounts();
            var r = Http.send(
                    "GET",
                    demo.baseUrl() + "/_sandbox/demo-accounts",
                    null,
                    "X-Sandbox-Admin-Token",
                    Sandbox.DEFAULT_ADMIN_TOKEN);
            assertEquals(200, r.status());
            List<Map<String, Object>> list = (List<Map<String, Object>>) r.any();
            assertEquals(
                    List.of("cats", "loxo", "lever"),
                    list.stream().map(m -> m.get("provider")).toList());
            for (Map<String, Object> d : list) {
                Map<String, Object> credentials = (Map<String, Object>) d.get("credentials");
                // the credential set authenticates at the account's base URL
                String auth =
                        credentials.containsKey("access_token") ? "Bearer " + credentials.get("access_token") : null;
                assertFalse(credentials.isEmpty(), String.valueOf(d.get("provider")));
                if (auth != null) {
                    assertNotNull(Http.at(d, "oauth_client", "client_id"));
                    var users = Http.send("GET", d.get("base_url") + "/users", null, "Authorization", auth);
                    assertEquals(200, users.status());
                } else {
                    assertNull(d.get("oauth_client"));
                }
            }
        }
    }
}
