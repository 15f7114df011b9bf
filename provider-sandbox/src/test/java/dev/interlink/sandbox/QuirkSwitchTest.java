package dev.interlink.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Behaviour the notes mark as unknown is switchable per account (README "Quirks"). */
class QuirkSwitchTest {
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
                Sandbox.DEFAULT_ADMIN_TOKEN);
    }

    @Test
    void loxo_create_status_can_be_switched_to_201() {
        var a = sb.createAccount("loxo", 1, 5);
        assertEquals(
                200,
                admin("PUT", "/_sandbox/accounts/" + a.accountId() + "/quirks", Map.of("create_status", 201))
                        .status());
        var r = Http.send(
                "POST",
                a.baseUrl() + "/people",
                Http.json(Map.of("person", Map.of("name", "X"))),
                "Authorization",
                "Bearer " + a.apiKey(),
                "Content-Type",
                "application/json");
        assertEquals(201, r.status());
    }

    @Test
    void loxo_unknown_person_event_can_be_switched_to_404() {
        var a = sb.createAccount("loxo", 1, 5);
        sb.setQuirk(a.accountId(), "unknown_person_event", "404");
        assertEquals(
                404,
                Http.send("GET", a.baseUrl() + "/person_events/1", null, "Authorization", "Bearer " + a.apiKey())
                        .status());
    }

    @Test
    void loxo_auth_failure_can_be_switched_to_403() {
        var a = sb.createAccount("loxo", 1, 5);
        sb.setQuirk(a.accountId(), "auth_failure_status", 403);
        assertEquals(
                403,
                Http.send("GET", a.baseUrl() + "/users", null, "Authorization", "Bearer nope")
                        .status());
    }

    @Test
    void cats_per_page_over_100_can_be_switched_to_400() {
        var a = sb.createAccount("cats", 1, 5);
        sb.setQuirk(a.accountId(), "per_page_over_100", "400");
        assertEquals(
                400,
                Http.send("GET", a.baseUrl() + "/candidates?per_page=101", null, "Authorization", "Token " + a.apiKey())
                        .status());
    }

    @Test
    void unknown_quirk_names_are_rejected() {
        var a = sb.createAccount("cats", 1, 5);
        assertEquals(
                400,
                admin("PUT", "/_sandbox/accounts/" + a.accountId() + "/quirks", Map.of("nope", 1))
                        .status());
    }
}
