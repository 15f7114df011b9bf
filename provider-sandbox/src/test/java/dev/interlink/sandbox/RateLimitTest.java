package dev.interlink.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    static Sandbox sb;

    @BeforeAll
    static void start() {
        sb = Sandbox.start(0);
    }

    @AfterAll
    static void stop() {
        sb.close();
    }

    static Http.Res cats(Sandbox.AccountInfo a) {
        return Http.send("GET", a.baseUrl() + "/site", null, "Authorization", "Token " + a.apiKey());
    }

    static Http.Res loxo(Sandbox.AccountInfo a) {
        return Http.send("GET", a.baseUrl() + "/users", null, "Authorization", "Bearer " + a.apiKey());
    }

    @Test
    void cats_default_limit_is_500_per_hour() {
        var a = sb.createAccount("cats", 1, 5);
        var r = cats(a);
        assertEquals("500", r.header("X-Rate-Limit-Limit"));
        assertEquals("499", r.header("X-Rate-Limit-Remaining"));
    }

    @Test
    void cats_remaining_counts_down_and_429_comes_with_retry_after_when_exceeded() {
        var a = sb.createAccount("cats", 1, 5);
        sb.setRollingLimit(a.accountId(), 3, 3600);
        assertEquals("2", cats(a).header("X-Rate-Limit-Remaining"));
        assertEquals("1", cats(a).header("X-Rate-Limit-Remaining"));
        assertEquals("0", cats(a).header("X-Rate-Limit-Remaining"));
        var r = cats(a);
        assertEquals(429, r.status());
        long retry = Long.parseLong(r.header("Retry-After"));
        assertTrue(retry > 3500 && retry <= 3600, "retry " + retry);
        assertNotNull(r.json().get("message"));
    }

    @Test
    void rate_limits_are_per_account() {
        var a = sb.createAccount("cats", 1, 5);
        var b = sb.createAccount("cats", 1, 5);
        sb.setRollingLimit(a.accountId(), 1, 3600);
        cats(a);
        assertEquals(429, cats(a).status());
        assertEquals(200, cats(b).status());
    }

    @Test
    void setting_limits_starts_a_fresh_window() {
        var a = sb.createAccount("cats", 1, 5);
        sb.setRollingLimit(a.accountId(), 1, 3600);
        cats(a);
        assertEquals(429, cats(a).status());
        sb.setRollingLimit(a.accountId(), 1, 3600);
        assertEquals(200, cats(a).status());
    }

    @Test
    void rolling_window_frees_up_after_the_window_passes() throws Exception {
        var a = sb.createAccount("cats", 1, 5);
        sb.setRollingLimit(a.accountId(), 1, 1);
        assertEquals(200, cats(a).status());
        assertEquals(429, cats(a).status());
        long deadline = System.currentTimeMillis() + 5000;
        int status;
        do {
            Thread.sleep(200);
            status = cats(a).status();
        } while (status == 429 && System.currentTimeMillis() < deadline);
        assertEquals(200, status);
    }

    @Test
    void loxo_token_bucket_allows_the_burst_then_answers_429_with_retry_after() {
        var a = sb.createAccount("loxo", 1, 5);
        sb.setTokenBucket(a.accountId(), 0.01, 3);
        for (int i = 0; i < 3; i++) assertEquals(200, loxo(a).status());
        var r = loxo(a);
        assertEquals(429, r.status());
        assertNotNull(r.header("Retry-After"));
        assertEquals(429, r.json().get("status"));
    }

    @Test
    void loxo_default_bucket_allows_a_burst_of_10() {
        var a = sb.createAccount("loxo", 1, 5);
        int ok = 0;
        for (int i = 0; i < 10; i++) if (loxo(a).status() == 200) ok++;
        assertEquals(10, ok);
    }

    @Test
    void unauthenticated_requests_do_not_consume_the_budget() {
        var a = sb.createAccount("cats", 1, 5);
        sb.setRollingLimit(a.accountId(), 1, 3600);
        Http.send("GET", a.baseUrl() + "/site", null, "Authorization", "Token bad");
        assertEquals(200, cats(a).status());
    }
}
