package dev.interlink.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

abstract class LeverTestBase {
    static final String ADMIN = "X-Sandbox-Admin-Token";
    static final String AUDIENCE = "https://api.lever.co/v1/";
    static final String REDIRECT = "https://app.example.test/oauth/callback";
    static Sandbox sb;

    @BeforeAll
    static void startSandbox() {
        sb = Sandbox.start(0);
    }

    @AfterAll
    static void stopSandbox() {
        sb.close();
    }

    @AfterEach
    void resetClock() {
        sb.resetClock();
    }

    Sandbox.OAuthAccountInfo newAccount(int size) {
        Sandbox.OAuthAccountInfo a = sb.createOAuthAccount("lever", 42, size, List.of(REDIRECT));
        sb.setTokenBucket(a.accountId(), 10_000, 10_000);
        return a;
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

    static void settings(Sandbox.OAuthAccountInfo a, Map<String, Object> s) {
        var r = admin("PUT", "/_sandbox/accounts/" + a.accountId() + "/oauth/settings", s);
        assertEquals(200, r.status(), r.body());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String form(Map<String, String> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&")
                .append(enc(k))
                .append('=')
                .append(enc(v)));
        return sb.toString();
    }

    static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    static Http.Res token(Sandbox.OAuthAccountInfo a, Map<String, String> p) {
        return Http.send(
                "POST",
                a.tokenUrl(),
                form(p).getBytes(StandardCharsets.UTF_8),
                "Content-Type",
                "application/x-www-form-urlencoded");
    }

    static Http.Res refresh(Sandbox.OAuthAccountInfo a, String refreshToken) {
        return token(
                a,
                params(
                        "grant_type",
                        "refresh_token",
                        "client_id",
                        a.clientId(),
                        "client_secret",
                        a.clientSecret(),
                        "refresh_token",
                        refreshToken));
    }

    static Http.Res authorize(Sandbox.OAuthAccountInfo a, String scope, String extra) {
        String url = a.authorizeUrl() + "?client_id=" + enc(a.clientId()) + "&redirect_uri=" + enc(REDIRECT)
                + "&response_type=code&state=st-123&scope=" + enc(scope) + "&audience=" + enc(AUDIENCE)
                + (extra == null ? "" : extra);
        return Http.send("GET", url, null);
    }

    /** Submits the consent form's Allow or Deny button as a browser would. */
    static Http.Res decide(Http.Res consentPage, String button) {
        String html = consentPage.body();
        String action = between(html, "action=\"", "\"");
        String txn = between(html, "name=\"txn\" value=\"", "\"");
        assertTrue(html.contains("id=\"" + button + "\""), "no button " + button);
        return Http.send(
                "POST",
                action,
                ("txn=" + enc(txn) + "&decision=" + button).getBytes(StandardCharsets.UTF_8),
                "Content-Type",
                "application/x-www-form-urlencoded");
    }

    static String between(String s, String a, String b) {
        int i = s.indexOf(a);
        assertTrue(i >= 0, "missing " + a + " in " + s);
        int j = s.indexOf(b, i + a.length());
        return s.substring(i + a.length(), j).replace("&amp;", "&").replace("&quot;", "\"");
    }

    static Map<String, List<String>> query(String location) {
        return dev.interlink.sandbox.common.Req.parseQuery(URI.create(location).getRawQuery());
    }

    /** Full browser flow with auto-consent off: authorize, Allow, code. */
    static String code(Sandbox.OAuthAccountInfo a, String scope, String extra) {
        var page = authorize(a, scope, extra);
        assertEquals(200, page.status(), page.body());
        var r = decide(page, "allow");
        assertEquals(302, r.status());
        return query(r.header("Location")).get("code").get(0);
    }

    static Http.Res exchange(Sandbox.OAuthAccountInfo a, String code, String... extra) {
        Map<String, String> p = params(
                "grant_type",
                "authorization_code",
                "client_id",
                a.clientId(),
                "client_secret",
                a.clientSecret(),
                "code",
                code,
                "redirect_uri",
                REDIRECT);
        p.putAll(params(extra));
        return token(a, p);
    }

    static Http.Res api(Sandbox.OAuthAccountInfo a, String accessToken, String method, String path, Object body) {
        return Http.send(
                method,
                a.baseUrl() + path,
                body == null ? null : Http.json(body),
                "Authorization",
                "Bearer " + accessToken,
                "Content-Type",
                "application/json");
    }

    static Http.Res get(Sandbox.OAuthAccountInfo a, String accessToken, String path) {
        return Http.send("GET", a.baseUrl() + path, null, "Authorization", "Bearer " + accessToken);
    }

    static String access(Sandbox.OAuthAccountInfo a) {
        return sb.mintTokens(a.accountId(), null).accessToken();
    }

    static int errorCount(Sandbox.OAuthAccountInfo a) {
        return ((Number) sb.counters(a.accountId()).get("invalid_grant")).intValue();
    }
}
