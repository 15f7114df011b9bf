package dev.interlink.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaultAndControlTest {
    static Sandbox sb;
    static final String ADMIN = "X-Sandbox-Admin-Token";

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
                ADMIN,
                Sandbox.DEFAULT_ADMIN_TOKEN,
                "Content-Type",
                "application/json");
    }

    static Http.Res site(Sandbox.AccountInfo a, String... extra) {
        String[] h = new String[extra.length + 2];
        h[0] = "Authorization";
        h[1] = "Token " + a.apiKey();
        System.arraycopy(extra, 0, h, 2, extra.length);
        return Http.send("GET", a.baseUrl() + "/site", null, h);
    }

    @Test
    void control_api_requires_the_admin_token() {
        var r = Http.send("POST", sb.baseUrl() + "/_sandbox/accounts", Http.json(Map.of("provider", "cats")));
        assertEquals(401, r.status());
    }

    @Test
    void control_api_creates_a_cats_account_usable_at_its_base_url() {
        var r = admin("POST", "/_sandbox/accounts", Map.of("provider", "cats", "seed", 42, "candidates", 30));
        assertEquals(201, r.status());
        var b = r.json();
        assertEquals("cats", b.get("provider"));
        assertEquals(sb.baseUrl() + "/cats/v3", b.get("base_url"));
        var list =
                Http.send("GET", b.get("base_url") + "/candidates", null, "Authorization", "Token " + b.get("api_key"));
        assertEquals(30, list.json().get("total"));
    }

    @Test
    void control_api_creates_a_loxo_account_with_chosen_slug_and_key() {
        var r = admin(
                "POST",
                "/_sandbox/accounts",
                Map.of(
                        "provider",
                        "loxo",
                        "seed",
                        7,
                        "candidates",
                        12,
                        "agency_slug",
                        "acme-talent",
                        "api_key",
                        "k-acme"));
        assertEquals(201, r.status());
        var b = r.json();
        assertEquals("acme-talent", b.get("agency_slug"));
        assertEquals(sb.baseUrl() + "/loxo/api/acme-talent", b.get("base_url"));
        var people = Http.send("GET", b.get("base_url") + "/people", null, "Authorization", "Bearer k-acme");
        assertEquals(12, people.json().get("total_count"));
    }

    @Test
    void unknown_provider_is_rejected_with_400() {
        assertEquals(
                400,
                // (this used "lever" until Lever got a simulator)
                admin("POST", "/_sandbox/accounts", Map.of("provider", "workday"))
                        .status());
    }

    @Test
    void counters_count_requests_by_status_and_route_template_and_can_be_reset() {
        var a = sb.createAccount("cats", 1, 5);
        Map<String, Object> c0 = Http.at(
                Http.send("GET", a.baseUrl() + "/candidates", null, "Authorization", "Token " + a.apiKey())
                        .json(),
                "_embedded",
                "candidates",
                0);
        Http.send("GET", a.baseUrl() + "/candidates/" + c0.get("id"), null, "Authorization", "Token " + a.apiKey());
        Http.send("GET", a.baseUrl() + "/candidates/1", null, "Authorization", "Token " + a.apiKey());
        var c = admin("GET", "/_sandbox/accounts/" + a.accountId() + "/counters", null)
                .json();
        assertEquals(3, c.get("requests"));
        assertEquals((Object) 2, Http.at(c, "by_status", "200"));
        assertEquals((Object) 1, Http.at(c, "by_status", "404"));
        assertEquals((Object) 2, Http.at(c, "by_route", "GET /candidates/{id}"));
        assertEquals((Object) 1, Http.at(c, "by_route", "GET /candidates"));
        assertEquals(
                204,
                admin("DELETE", "/_sandbox/accounts/" + a.accountId() + "/counters", null)
                        .status());
        assertEquals(
                0,
                admin("GET", "/_sandbox/accounts/" + a.accountId() + "/counters", null)
                        .json()
                        .get("requests"));
    }

    @Test
    void limits_are_set_through_the_control_api() {
        var a = sb.createAccount("cats", 1, 5);
        assertEquals(
                200,
                admin(
                                "PUT",
                                "/_sandbox/accounts/" + a.accountId() + "/limits",
                                Map.of("requests", 60, "per_seconds", 3600))
                        .status());
        assertEquals("60", site(a).header("X-Rate-Limit-Limit"));
    }

    @Test
    void forced_429_fault_answers_with_retry_after() {
        var a = sb.createAccount("cats", 1, 5);
        admin("PUT", "/_sandbox/accounts/" + a.accountId() + "/faults", Map.of("type", "429", "probability", 1.0));
        var r = site(a);
        assertEquals(429, r.status());
        assertNotNull(r.header("Retry-After"));
    }

    @Test
    void html_500_fault_returns_an_html_page() {
        var a = sb.createAccount("cats", 1, 5);
        admin("PUT", "/_sandbox/accounts/" + a.accountId() + "/faults", Map.of("type", "html500"));
        var r = site(a);
        assertEquals(500, r.status());
        assertTrue(r.header("Content-Type").startsWith("text/html"));
        assertTrue(r.body().contains("<title>"));
    }

    @Test
    void fault_with_count_applies_only_to_the_next_n_requests() {
        var a = sb.createAccount("cats", 1, 5);
        admin("PUT", "/_sandbox/accounts/" + a.accountId() + "/faults", Map.of("type", "503", "count", 2));
        assertEquals(503, site(a).status());
        assertEquals(503, site(a).status());
        assertEquals(200, site(a).status());
    }

    @Test
    void deleting_the_fault_restores_normal_responses() {
        var a = sb.createAccount("cats", 1, 5);
        admin("PUT", "/_sandbox/accounts/" + a.accountId() + "/faults", Map.of("type", "502"));
        assertEquals(502, site(a).status());
        assertEquals(
                204,
                admin("DELETE", "/_sandbox/accounts/" + a.accountId() + "/faults", null)
                        .status());
        assertEquals(200, site(a).status());
    }

    @Test
    void per_request_fault_header_forces_a_503() {
        var a = sb.createAccount("cats", 1, 5);
        assertEquals(503, site(a, "X-Sandbox-Fault", "503").status());
        assertEquals(200, site(a).status());
    }

    @Test
    void latency_fault_delays_the_response() {
        var a = sb.createAccount("cats", 1, 5);
        long t0 = System.nanoTime();
        assertEquals(200, site(a, "X-Sandbox-Fault", "latency=300").status());
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 300);
    }

    @Test
    void hang_fault_never_answers_so_the_client_times_out() {
        var a = sb.createAccount("cats", 1, 5);
        var req = HttpRequest.newBuilder(URI.create(a.baseUrl() + "/site"))
                .timeout(Duration.ofMillis(500))
                .header("Authorization", "Token " + a.apiKey())
                .header("X-Sandbox-Fault", "hang")
                .build();
        assertThrows(
                java.net.http.HttpTimeoutException.class,
                () -> Http.CLIENT.send(req, HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void reset_fault_drops_the_connection() {
        var a = sb.createAccount("loxo", 1, 5);
        // null count: the JDK client retries an idempotent GET once after a reset
        sb.setFault(a.accountId(), "reset", 1.0, null, 0);
        var req = HttpRequest.newBuilder(URI.create(a.baseUrl() + "/users"))
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + a.apiKey())
                .build();
        assertThrows(java.io.IOException.class, () -> java.net.http.HttpClient.newHttpClient()
                .send(req, HttpResponse.BodyHandlers.ofString()));
        sb.clearFault(a.accountId());
        var counters = sb.counters(a.accountId());
        assertTrue(((Number) Http.at(counters, "by_status", "reset")).longValue() >= 1);
    }

    @Test
    void reseed_drops_changes_and_restores_seeded_data() {
        var a = sb.createAccount("cats", 1, 5);
        Http.send(
                "POST",
                a.baseUrl() + "/candidates",
                Http.json(Map.of("first_name", "X", "last_name", "Y")),
                "Authorization",
                "Token " + a.apiKey(),
                "Content-Type",
                "application/json");
        assertEquals(
                200,
                admin("POST", "/_sandbox/accounts/" + a.accountId() + "/reseed", null)
                        .status());
        var r = Http.send("GET", a.baseUrl() + "/candidates", null, "Authorization", "Token " + a.apiKey());
        assertEquals(5, r.json().get("total"));
    }

    @Test
    void accounts_are_isolated_from_each_other() {
        var a = sb.createAccount("cats", 1, 5);
        var b = sb.createAccount("cats", 1, 5);
        Http.send(
                "POST",
                a.baseUrl() + "/candidates",
                Http.json(Map.of("first_name", "X", "last_name", "Y")),
                "Authorization",
                "Token " + a.apiKey(),
                "Content-Type",
                "application/json");
        assertEquals(
                6,
                Http.send("GET", a.baseUrl() + "/candidates", null, "Authorization", "Token " + a.apiKey())
                        .json()
                        .get("total"));
        assertEquals(
                5,
                Http.send("GET", b.baseUrl() + "/candidates", null, "Authorization", "Token " + b.apiKey())
                        .json()
                        .get("total"));
    }

    @Test
    void unknown_fault_type_is_rejected() {
        var a = sb.createAccount("cats", 1, 5);
        assertEquals(
                400,
                admin("PUT", "/_sandbox/accounts/" + a.accountId() + "/faults", Map.of("type", "boom"))
                        .status());
        assertEquals(
                404,
                admin("PUT", "/_sandbox/accounts/nope/faults", Map.of("type", "500"))
                        .status());
    }
}
