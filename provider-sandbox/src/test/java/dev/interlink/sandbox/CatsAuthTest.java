package dev.interlink.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CatsAuthTest extends CatsTestBase {

    @Test
    void missing_authorization_header_gives_401_invalid_credentials() {
        var a = newAccount(5);
        var r = Http.send("GET", a.baseUrl() + "/candidates", null);
        assertEquals(401, r.status());
        assertEquals(Map.of("message", "Invalid credentials."), r.json());
        assertEquals("application/json; charset=utf-8", r.header("Content-Type"));
    }

    @Test
    void wrong_key_gives_401_without_rate_limit_or_www_authenticate_headers() {
        var a = newAccount(5);
        var r = Http.send("GET", a.baseUrl() + "/candidates", null, "Authorization", "Token nope");
        assertEquals(401, r.status());
        assertNull(r.header("X-Rate-Limit-Limit"));
        assertNull(r.header("WWW-Authenticate"));
    }

    @Test
    void bearer_scheme_is_not_accepted() {
        var a = newAccount(5);
        var r = Http.send("GET", a.baseUrl() + "/site", null, "Authorization", "Bearer " + a.apiKey());
        assertEquals(401, r.status());
    }

    @Test
    void auth_is_checked_before_routing_so_unknown_paths_give_401_with_a_bad_key() {
        var a = newAccount(5);
        var r = Http.send("GET", a.baseUrl() + "/users/current", null, "Authorization", "Token test");
        assertEquals(401, r.status());
        assertEquals("Invalid credentials.", r.json().get("message"));
    }

    @Test
    void unknown_path_with_a_valid_key_gives_404() {
        var a = newAccount(5);
        assertEquals(404, get(a, "/users/current").status());
    }

    @Test
    void multipart_request_is_rejected_with_415_before_auth() {
        var a = newAccount(5);
        var r = Http.send(
                "POST",
                a.baseUrl() + "/attachments/parse",
                "--x--".getBytes(),
                "Authorization",
                "Token test",
                "Content-Type",
                "multipart/form-data; boundary=x");
        assertEquals(415, r.status());
        assertEquals(Map.of("message", "Unsupported Content-Type."), r.json());
    }

    @Test
    void every_response_carries_a_uuid_x_request_id() {
        var a = newAccount(5);
        for (var r : new Http.Res[] {get(a, "/site"), Http.send("GET", a.baseUrl() + "/site", null)}) {
            String id = r.header("X-Request-Id");
            assertNotNull(id);
            assertDoesNotThrow(() -> java.util.UUID.fromString(id));
        }
    }

    @Test
    void site_returns_the_account_bound_to_the_key() {
        var a = newAccount(5);
        var site = get(a, "/site").json();
        assertEquals("hr", site.get("mode"));
        assertNotNull(site.get("subdomain"));
        assertInstanceOf(Number.class, site.get("default_company_id"));
    }

    @Test
    void authenticated_responses_carry_rate_limit_headers() {
        var a = newAccount(5);
        var r = get(a, "/site");
        assertEquals("100000", r.header("X-Rate-Limit-Limit"));
        assertEquals("99999", r.header("X-Rate-Limit-Remaining"));
    }
}
