package dev.interlink.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LeverOAuthTest extends LeverTestBase {
    static final String SCOPES = "offline_access opportunities:read:admin";

    @Test
    void consent_page_offers_allow_and_deny_buttons() {
        var a = newAccount(5);
        var page = authorize(a, SCOPES, null);
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"));
        assertTrue(page.body().contains("id=\"allow\""));
        assertTrue(page.body().contains("id=\"deny\""));
        assertTrue(page.body().contains("opportunities:read:admin"));
    }

    @Test
    void allow_redirects_to_the_callback_with_a_code_and_the_state() {
        var a = newAccount(5);
        var r = decide(authorize(a, SCOPES, null), "allow");
        assertEquals(302, r.status());
        String loc = r.header("Location");
        assertTrue(loc.startsWith(REDIRECT + "?"), loc);
        assertEquals(List.of("st-123"), query(loc).get("state"));
        assertFalse(query(loc).get("code").get(0).isEmpty());
    }

    @Test
    void deny_redirects_with_access_denied_and_the_state() {
        var a = newAccount(5);
        var r = decide(authorize(a, SCOPES, null), "deny");
        assertEquals(302, r.status());
        var q = query(r.header("Location"));
        assertEquals(List.of("access_denied"), q.get("error"));
        assertEquals(List.of("st-123"), q.get("state"));
        assertNull(q.get("code"));
    }

    @Test
    void an_unknown_client_id_gets_an_error_page_never_a_redirect() {
        var a = newAccount(5);
        var r = Http.send(
                "GET",
                a.authorizeUrl() + "?client_id=nope&redirect_uri=" + enc(REDIRECT) + "&response_type=code&state=s",
                null);
        assertEquals(400, r.status());
        assertNull(r.header("Location"));
        assertTrue(r.body().contains("ClientID not found"));
    }

    @Test
    void an_unregistered_redirect_uri_gets_an_error_page_never_a_redirect() {
        var a = newAccount(5);
        var r = Http.send(
                "GET",
                a.authorizeUrl() + "?client_id=" + a.clientId() + "&redirect_uri=" + enc("https://evil.test/cb")
                        + "&response_type=code&state=s&scope=offline_access&audience=" + enc(AUDIENCE),
                null);
        assertEquals(400, r.status());
        assertNull(r.header("Location"));
    }

    @Test
    void auto_consent_redirects_at_once_without_a_consent_page() {
        var a = newAccount(5);
        settings(a, Map.of("auto_consent", true));
        var r = authorize(a, SCOPES, null);
        assertEquals(302, r.status());
        assertNotNull(query(r.header("Location")).get("code"));
        settings(a, Map.of("auto_consent", "deny"));
        assertEquals(
                List.of("access_denied"),
                query(authorize(a, SCOPES, null).header("Location")).get("error"));
    }

    @Test
    void an_unsupported_response_type_is_redirected_back_as_an_error() {
        var a = newAccount(5);
        String url = a.authorizeUrl() + "?client_id=" + a.clientId() + "&redirect_uri=" + enc(REDIRECT)
                + "&response_type=token&state=s1&scope=offline_access&audience=" + enc(AUDIENCE);
        var r = Http.send("GET", url, null);
        assertEquals(302, r.status());
        var q = query(r.header("Location"));
        assertEquals(List.of("unsupported_response_type"), q.get("error"));
        assertEquals(List.of("s1"), q.get("state"));
    }

    @Test
    void an_access_token_ttl_of_one_second_is_honoured() {
        var a = newAccount(5);
        settings(a, Map.of("access_ttl_seconds", 1));
        var t = sb.mintTokens(a.accountId(), SCOPES);
        assertEquals(1, t.expiresIn());
        sb.advanceClock(Duration.ofMillis(1001));
        assertEquals(401, get(a, t.accessToken(), "/opportunities?limit=1").status());
        assertEquals(1, ((Number) refresh(a, t.refreshToken()).json().get("expires_in")).intValue());
    }

    @Test
    void the_code_exchange_answers_a_jwt_access_token_and_a_v1_refresh_token() throws Exception {
        var a = newAccount(5);
        var r = exchange(a, code(a, SCOPES, null));
        assertEquals(200, r.status(), r.body());
        var b = r.json();
        assertEquals("Bearer", b.get("token_type"));
        assertEquals(3600, ((Number) b.get("expires_in")).intValue());
        assertEquals(SCOPES, b.get("scope"));
        assertTrue(b.get("refresh_token").toString().startsWith("v1."));
        String[] jwt = b.get("access_token").toString().split("\\.");
        assertEquals(3, jwt.length);
        var claims = Http.JSON.readValue(Base64.getUrlDecoder().decode(jwt[1]), Map.class);
        assertEquals(AUDIENCE, claims.get("aud"));
        assertEquals(SCOPES, claims.get("scope"));
        assertEquals(a.clientId(), claims.get("https://oauth.lever.co/clientId"));
        assertNotNull(claims.get("https://oauth.lever.co/userId"));
        assertEquals(3600, ((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue(), 1);
    }

    @Test
    void without_offline_access_no_refresh_token_is_issued() {
        var a = newAccount(5);
        var b = exchange(a, code(a, "opportunities:read:admin", null)).json();
        assertNotNull(b.get("access_token"));
        assertFalse(b.containsKey("refresh_token"));
    }

    @Test
    void a_wrong_or_missing_audience_grants_only_offline_access() {
        var a = newAccount(5);
        String url = a.authorizeUrl() + "?client_id=" + a.clientId() + "&redirect_uri=" + enc(REDIRECT)
                + "&response_type=code&state=s&scope=" + enc(SCOPES) + "&audience=" + enc("https://api.lever.co/v1");
        var page = Http.send("GET", url, null);
        String code =
                query(decide(page, "allow").header("Location")).get("code").get(0);
        assertEquals("offline_access", exchange(a, code).json().get("scope"));
    }

    @Test
    void an_authorization_code_works_only_once() {
        var a = newAccount(5);
        String code = code(a, SCOPES, null);
        assertEquals(200, exchange(a, code).status());
        var again = exchange(a, code);
        assertEquals(403, again.status());
        assertEquals("invalid_grant", again.json().get("error"));
        assertEquals("Invalid authorization code", again.json().get("error_description"));
    }

    @Test
    void an_authorization_code_expires_after_ten_minutes() {
        var a = newAccount(5);
        String code = code(a, SCOPES, null);
        sb.advanceClock(Duration.ofSeconds(601));
        var r = exchange(a, code);
        assertEquals(403, r.status());
        assertEquals("invalid_grant", r.json().get("error"));
    }

    @Test
    void the_code_is_bound_to_its_redirect_uri() {
        var a = newAccount(5);
        var r = exchange(a, code(a, SCOPES, null), "redirect_uri", "https://app.example.test/other");
        assertEquals(403, r.status());
        assertEquals("invalid_grant", r.json().get("error"));
    }

    static String s256(String verifier) throws Exception {
        byte[] h = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
    }

    @Test
    void pkce_with_the_matching_verifier_is_accepted() throws Exception {
        var a = newAccount(5);
        String verifier = "verifier-0123456789-0123456789-0123456789-abc";
        String code = code(a, SCOPES, "&code_challenge=" + s256(verifier) + "&code_challenge_method=S256");
        assertEquals(200, exchange(a, code, "code_verifier", verifier).status());
    }

    @Test
    void pkce_with_a_wrong_verifier_is_rejected() throws Exception {
        var a = newAccount(5);
        String code = code(
                a,
                SCOPES,
                "&code_challenge=" + s256("the-right-verifier-0123456789abc") + "&code_challenge_method=S256");
        var r = exchange(a, code, "code_verifier", "another-verifier-0123456789abcdef");
        assertEquals(403, r.status());
        assertEquals("invalid_grant", r.json().get("error"));
    }

    @Test
    void the_token_endpoint_accepts_a_json_body_with_http_basic_client_credentials() {
        var a = newAccount(5);
        String code = code(a, SCOPES, null);
        String basic = Base64.getEncoder()
                .encodeToString((a.clientId() + ":" + a.clientSecret()).getBytes(StandardCharsets.UTF_8));
        var r = Http.send(
                "POST",
                a.tokenUrl(),
                Http.json(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT)),
                "Content-Type",
                "application/json",
                "Authorization",
                "Basic " + basic);
        assertEquals(200, r.status(), r.body());
        assertNotNull(r.json().get("access_token"));
    }

    @Test
    void a_wrong_client_secret_is_401_access_denied() {
        var a = newAccount(5);
        var r = token(
                a,
                params(
                        "grant_type", "refresh_token",
                        "client_id", a.clientId(),
                        "client_secret", "wrong",
                        "refresh_token", "x"));
        assertEquals(401, r.status());
        assertEquals(Map.of("error", "access_denied", "error_description", "Unauthorized"), r.json());
    }

    @Test
    void a_missing_parameter_and_an_unknown_grant_type_have_auth0_error_bodies() {
        var a = newAccount(5);
        var missing = token(
                a, params("grant_type", "refresh_token", "client_id", a.clientId(), "client_secret", a.clientSecret()));
        assertEquals(400, missing.status());
        assertEquals("invalid_request", missing.json().get("error"));
        assertEquals("Missing required parameter: refresh_token", missing.json().get("error_description"));
        var foo = token(a, params("grant_type", "foo", "client_id", a.clientId(), "client_secret", a.clientSecret()));
        assertEquals(403, foo.status());
        assertEquals("Unsupported grant type: foo", foo.json().get("error_description"));
    }

    @Test
    void strict_rotation_returns_a_new_refresh_token_on_every_refresh() {
        var a = newAccount(5);
        String rt1 = sb.mintTokens(a.accountId(), SCOPES).refreshToken();
        var r = refresh(a, rt1);
        assertEquals(200, r.status(), r.body());
        String rt2 = r.json().get("refresh_token").toString();
        assertNotEquals(rt1, rt2);
        assertEquals(200, refresh(a, rt2).status());
    }

    @Test
    void reusing_a_rotated_refresh_token_in_strict_mode_revokes_the_whole_family() {
        var a = newAccount(5);
        String rt1 = sb.mintTokens(a.accountId(), SCOPES).refreshToken();
        String rt2 = refresh(a, rt1).json().get("refresh_token").toString();
        var reuse = refresh(a, rt1);
        assertEquals(403, reuse.status());
        assertEquals(
                Map.of("error", "invalid_grant", "error_description", "Unknown or invalid refresh token."),
                reuse.json());
        // the newest token of the family is dead too
        assertEquals("invalid_grant", refresh(a, rt2).json().get("error"));
    }

    @Test
    void grace_mode_accepts_the_previous_refresh_token_within_the_window() {
        var a = newAccount(5);
        settings(a, Map.of("rotation", "grace", "grace_seconds", 30));
        String rt1 = sb.mintTokens(a.accountId(), SCOPES).refreshToken();
        String rt2 = refresh(a, rt1).json().get("refresh_token").toString();
        sb.advanceClock(Duration.ofSeconds(20));
        var again = refresh(a, rt1);
        assertEquals(200, again.status(), again.body());
        assertEquals(200, refresh(a, rt2).status());
    }

    @Test
    void grace_mode_treats_reuse_after_the_window_as_a_breach() {
        var a = newAccount(5);
        settings(a, Map.of("rotation", "grace", "grace_seconds", 30));
        String rt1 = sb.mintTokens(a.accountId(), SCOPES).refreshToken();
        String rt2 = refresh(a, rt1).json().get("refresh_token").toString();
        sb.advanceClock(Duration.ofSeconds(31));
        assertEquals("invalid_grant", refresh(a, rt1).json().get("error"));
        assertEquals("invalid_grant", refresh(a, rt2).json().get("error"));
    }

    @Test
    void non_rotating_mode_keeps_answering_the_same_refresh_token() {
        var a = newAccount(5);
        settings(a, Map.of("rotation", "non-rotating"));
        String rt = sb.mintTokens(a.accountId(), SCOPES).refreshToken();
        for (int i = 0; i < 3; i++) {
            var r = refresh(a, rt);
            assertEquals(200, r.status());
            assertEquals(rt, r.json().get("refresh_token"));
        }
    }

    @Test
    void revocation_makes_refresh_invalid_grant_and_the_api_401() {
        var a = newAccount(5);
        var t = sb.mintTokens(a.accountId(), SCOPES);
        assertEquals(200, get(a, t.accessToken(), "/opportunities?limit=1").status());
        assertEquals(
                204,
                admin("POST", "/_sandbox/accounts/" + a.accountId() + "/oauth/revoke", null)
                        .status());
        assertEquals("invalid_grant", refresh(a, t.refreshToken()).json().get("error"));
        assertEquals(401, get(a, t.accessToken(), "/opportunities?limit=1").status());
    }

    @Test
    void a_refresh_token_idle_for_more_than_ninety_days_is_dead() {
        var a = newAccount(5);
        String rt = sb.mintTokens(a.accountId(), SCOPES).refreshToken();
        sb.advanceClock(Duration.ofDays(91));
        assertEquals("invalid_grant", refresh(a, rt).json().get("error"));
    }

    @Test
    void a_refresh_token_family_dies_one_year_after_consent_even_when_used() {
        var a = newAccount(5);
        String rt = sb.mintTokens(a.accountId(), SCOPES).refreshToken();
        for (int i = 0; i < 4; i++) {
            sb.advanceClock(Duration.ofDays(80));
            var r = refresh(a, rt);
            assertEquals(200, r.status(), "refresh " + i + " after " + (80 * (i + 1)) + " days");
            rt = r.json().get("refresh_token").toString();
        }
        sb.advanceClock(Duration.ofDays(50)); // 370 days after consent
        assertEquals("invalid_grant", refresh(a, rt).json().get("error"));
    }

    @Test
    void the_token_endpoint_can_be_slowed_down() {
        var a = newAccount(5);
        settings(a, Map.of("token_delay_ms", 400));
        String rt = sb.mintTokens(a.accountId(), SCOPES).refreshToken();
        long t0 = System.nanoTime();
        assertEquals(200, refresh(a, rt).status());
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 400);
    }

    @Test
    void the_token_endpoint_fails_with_the_chosen_status_until_reset() {
        var a = newAccount(5);
        String rt = sb.mintTokens(a.accountId(), SCOPES).refreshToken();
        settings(a, Map.of("token_fail_status", 503));
        assertEquals(503, refresh(a, rt).status());
        assertEquals(503, refresh(a, rt).status());
        settings(a, java.util.Collections.singletonMap("token_fail_status", null));
        // the failed attempts did not consume the refresh token
        assertEquals(200, refresh(a, rt).status());
    }

    @Test
    void of_two_hundred_concurrent_refreshes_with_one_token_exactly_one_succeeds_in_strict_mode() throws Exception {
        var a = newAccount(5);
        String rt = sb.mintTokens(a.accountId(), SCOPES).refreshToken();
        int n = 200;
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Http.Res>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++)
                fs.add(pool.submit(() -> {
                    go.await();
                    return refresh(a, rt);
                }));
            go.countDown();
            int ok = 0, invalid = 0;
            String winner = null;
            for (Future<Http.Res> f : fs) {
                Http.Res r = f.get();
                if (r.status() == 200) {
                    ok++;
                    winner = r.json().get("refresh_token").toString();
                } else if ("invalid_grant".equals(r.json().get("error"))) invalid++;
            }
            assertEquals(1, ok);
            assertEquals(n - 1, invalid);
            // the reuse revoked the family: the winner's new token is dead as well
            assertEquals("invalid_grant", refresh(a, winner).json().get("error"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void of_fifty_concurrent_exchanges_of_one_code_exactly_one_succeeds() throws Exception {
        var a = newAccount(5);
        String code = code(a, SCOPES, null);
        ExecutorService pool = Executors.newFixedThreadPool(25);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Http.Res>> fs = new ArrayList<>();
            for (int i = 0; i < 50; i++)
                fs.add(pool.submit(() -> {
                    go.await();
                    return exchange(a, code);
                }));
            go.countDown();
            int ok = 0;
            for (Future<Http.Res> f : fs) if (f.get().status() == 200) ok++;
            assertEquals(1, ok);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void two_hundred_concurrent_refreshes_of_distinct_families_all_succeed() throws Exception {
        var a = newAccount(5);
        int n = 200;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++)
            tokens.add(sb.mintTokens(a.accountId(), SCOPES).refreshToken());
        sb.resetCounters(a.accountId());
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<Http.Res>> fs = new ArrayList<>();
            for (String t : tokens) fs.add(pool.submit(() -> refresh(a, t)));
            for (Future<Http.Res> f : fs) assertEquals(200, f.get().status());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(n, ((Number) Http.at(sb.counters(a.accountId()), "token_grants", "refresh_token")).intValue());
    }

    @Test
    void counters_report_token_grants_by_type_and_invalid_grants() {
        var a = newAccount(5);
        var b = exchange(a, code(a, SCOPES, null)).json();
        String rt = b.get("refresh_token").toString();
        String rt2 = refresh(a, rt).json().get("refresh_token").toString();
        refresh(a, rt); // reuse
        refresh(a, rt2); // family revoked
        var c = admin("GET", "/_sandbox/accounts/" + a.accountId() + "/counters", null)
                .json();
        assertEquals(1, ((Number) Http.at(c, "token_grants", "authorization_code")).intValue());
        assertEquals(1, ((Number) Http.at(c, "token_grants", "refresh_token")).intValue());
        assertEquals(2, ((Number) c.get("invalid_grant")).intValue());
        assertEquals(
                204,
                admin("DELETE", "/_sandbox/accounts/" + a.accountId() + "/counters", null)
                        .status());
        assertEquals(0, errorCount(a));
    }
}
