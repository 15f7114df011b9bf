package dev.interlink.sandbox;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One sandbox per test class; each test makes its own account so tests never share state. */
abstract class CatsTestBase {
    static Sandbox sb;

    @BeforeAll
    static void startSandbox() {
        sb = Sandbox.start(0);
    }

    @AfterAll
    static void stopSandbox() {
        sb.close();
    }

    Sandbox.AccountInfo newAccount(int candidates) {
        Sandbox.AccountInfo a = sb.createAccount("cats", 42, candidates);
        sb.setRollingLimit(a.accountId(), 100_000, 3600);
        return a;
    }

    static Http.Res get(Sandbox.AccountInfo a, String path) {
        return Http.send("GET", a.baseUrl() + path, null, "Authorization", "Token " + a.apiKey());
    }

    static Http.Res send(Sandbox.AccountInfo a, String method, String path, Object body) {
        return Http.send(
                method,
                a.baseUrl() + path,
                body == null ? null : Http.json(body),
                "Authorization",
                "Token " + a.apiKey(),
                "Content-Type",
                "application/json");
    }

    static long idFromLocation(Http.Res r) {
        String loc = r.header("Location");
        return Long.parseLong(loc.substring(loc.lastIndexOf('/') + 1));
    }

    static Map<String, Object> json(Http.Res r) {
        return r.json();
    }
}
