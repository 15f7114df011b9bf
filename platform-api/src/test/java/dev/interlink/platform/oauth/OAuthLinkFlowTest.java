package dev.interlink.platform.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.linking.TestClockFactory;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OAuth linking end to end over real HTTP against the in-process sandbox's Lever authorization server: start route →
 * consent (the sandbox's form, or its auto_consent setting) → callback, redirects followed by hand.
 */
@MicronautTest(transactional = false)
class OAuthLinkFlowTest extends ApiTest {
    static final String LINK_UI = "https://link.example.test";
    static final String RETURN_TO = LINK_UI + "/link";
    static final int PORT = freePort();
    static final String CALLBACK = "http://127.0.0.1:" + PORT + "/oauth/callback";

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> tx;

    final HttpClient browser = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    Api api;
    TestTenant tenant;
    Sandbox.OAuthAccountInfo lever;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> props = new HashMap<>(ProviderSandbox.properties());
        props.put("interlink.test.clock", "mutable");
        props.put("micronaut.server.port", String.valueOf(PORT));
        props.put("interlink.public-api-url", "http://127.0.0.1:" + PORT);
        props.put("interlink.link-ui-url", LINK_UI);
        return props;
    }

    @BeforeAll
    void setUp() {
        api = new Api(server.getURI());
        tenant = TestTenants.create(tenants, api, "OAuth Tenant");
        lever = leverAccount();
        register(tenant, lever);
    }

    @AfterEach
    void consentPageAgain() {
        ProviderSandbox.get().oauthSettings(lever.accountId(), Map.of("auto_consent", false, "token_fail_status", 0));
    }

    static Sandbox.OAuthAccountInfo leverAccount() {
        return ProviderSandbox.get().createOAuthAccount("lever", 7, 5, List.of(CALLBACK));
    }

    void register(TestTenant t, Sandbox.OAuthAccountInfo app) {
        Api.Response r = api.put(
                "/oauth-apps/lever",
                t.token(),
                Map.of("client_id", app.clientId(), "client_secret", app.clientSecret()));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    // ---- helpers: the browser's part ----

    record Hop(int status, String location, String body) {
        Map<String, String> query() {
            return OAuthLinkFlowTest.query(URI.create(location));
        }
    }

    Hop get(String url) {
        try {
            HttpResponse<String> r = browser.send(
                    HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Hop(r.statusCode(), r.headers().firstValue("Location").orElse(null), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    Hop postForm(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .reduce((a, b) -> a + "&" + b)
                .orElse("");
        try {
            HttpResponse<String> r = browser.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Hop(r.statusCode(), r.headers().firstValue("Location").orElse(null), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    String linkToken(TestTenant t, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("end_user", Map.of("id", "eu-oauth", "name", "Olga")));
        body.putAll(extra);
        Api.Response r = api.post("/link-tokens", t.token(), body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("link_token").asText();
    }

    String linkToken() {
        return linkToken(tenant, Map.of("providers", List.of("lever")));
    }

    String startUrl(String token, String mode) {
        return server.getURI() + "/link/oauth/lever/start?link_token=" + enc(token) + "&mode=" + mode
                + (mode.equals("redirect") ? "&return_to=" + enc(RETURN_TO) : "");
    }

    /** Start (redirect mode) → the provider's authorize URL. */
    URI start(String token) {
        Hop start = get(startUrl(token, "redirect"));
        assertThat(start.status()).as(start.body()).isEqualTo(302);
        return URI.create(start.location());
    }

    /** Start → consent page → Allow/Deny → the redirect to our callback. */
    Hop consent(String token, String decision) {
        URI authorize = start(token);
        Hop page = get(authorize.toString());
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(page.body());
        Matcher txn = Pattern.compile("name=\"txn\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(action.find() && txn.find()).as(page.body()).isTrue();
        Hop back = postForm(action.group(1).replace("&amp;", "&"), Map.of("txn", txn.group(1), "decision", decision));
        assertThat(back.status()).isEqualTo(302);
        assertThat(back.location()).startsWith(CALLBACK + "?");
        return back;
    }

    /** Follows the callback (redirect mode) and answers link-ui's return query. */
    Map<String, String> finish(Hop toCallback) {
        Hop done = get(toCallback.location());
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        assertThat(done.location()).startsWith(RETURN_TO + "?");
        return done.query();
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) return q;
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(
                    URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    long count(String sql, Object arg) {
        return tx.executeRead(status -> jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, arg);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }));
    }

    long accounts(TestTenant t) {
        return count("select count(*) from integrated_account where tenant_id = ?", t.id());
    }

    // ---- the tenant API ----

    @Test
    void the_oauth_app_answers_its_client_id_its_source_and_the_redirect_uri_never_the_secret() {
        Api.Response r = api.get("/oauth-apps/lever", tenant.token());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("provider").asText()).isEqualTo("lever");
        assertThat(r.json().get("client_id").asText()).isEqualTo(lever.clientId());
        assertThat(r.json().get("source").asText()).isEqualTo("tenant");
        assertThat(r.json().get("redirect_uri").asText()).isEqualTo(CALLBACK);
        assertThat(r.text()).doesNotContain(lever.clientSecret());
    }

    @Test
    void another_tenant_sees_no_app_and_cannot_read_or_change_this_ones() {
        TestTenant other = TestTenants.create(tenants, api, "Other OAuth Tenant");
        Api.Response r = api.get("/oauth-apps/lever", other.token());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("source").isNull()).isTrue();
        assertThat(r.json().get("client_id").isNull()).isTrue();
        assertThat(r.text()).doesNotContain(lever.clientId());
        Api.Response put = api.put(
                "/oauth-apps/lever", other.token(), Map.of("client_id", "other-app", "client_secret", "s3cret-other"));
        assertThat(put.status()).isEqualTo(200);
        assertThat(api.get("/oauth-apps/lever", tenant.token())
                        .json()
                        .get("client_id")
                        .asText())
                .isEqualTo(lever.clientId());
    }

    @Test
    void unknown_providers_are_404_and_credential_providers_400() {
        assertThat(api.get("/oauth-apps/nope", tenant.token()).code()).isEqualTo("INTEGRATION.PROVIDER_NOT_FOUND");
        Api.Response cats = api.put("/oauth-apps/cats", tenant.token(), Map.of("client_id", "x", "client_secret", "y"));
        assertThat(cats.status()).isEqualTo(400);
        assertThat(cats.code()).isEqualTo("PLATFORM.INPUT_INVALID");
        Api.Response empty = api.put("/oauth-apps/lever", tenant.token(), Map.of("client_id", " "));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("errors").findValuesAsText("pointer")).contains("/client_id", "/client_secret");
    }

    @Test
    void the_oauth_app_routes_need_a_tenant_token() {
        assertThat(api.get("/oauth-apps/lever", null).status()).isEqualTo(401);
        assertThat(api.put("/oauth-apps/lever", null, Map.of("client_id", "a", "client_secret", "b"))
                        .status())
                .isEqualTo(401);
    }

    // ---- the start route ----

    @Test
    void start_redirects_to_the_authorize_url_with_pkce_s256_of_the_stored_verifier() {
        String token = linkToken();
        URI authorize = start(token);
        assertThat(authorize.toString()).startsWith(lever.authorizeUrl() + "?");
        Map<String, String> q = query(authorize);
        assertThat(q)
                .containsEntry("client_id", lever.clientId())
                .containsEntry("redirect_uri", CALLBACK)
                .containsEntry("response_type", "code")
                .containsEntry("audience", "https://api.lever.co/v1/")
                .containsEntry("code_challenge_method", "S256");
        assertThat(q.get("scope")).startsWith("offline_access ").contains(" opportunities:write:admin ");
        String state = q.get("state");
        assertThat(state).hasSizeGreaterThanOrEqualTo(43);
        String verifier = tx.executeRead(status ->
                jdbc.prepareStatement("select code_verifier from oauth_link_session where state_sha256 = ?", ps -> {
                    ps.setString(1, dev.interlink.platform.common.Ids.sha256Hex(state));
                    try (var rs = ps.executeQuery()) {
                        return rs.next() ? rs.getString(1) : null;
                    }
                }));
        assertThat(verifier).hasSize(43);
        assertThat(q.get("code_challenge")).isEqualTo(Pkce.challenge(verifier)).isNotEqualTo(verifier);
        assertThat(count("select count(*) from oauth_link_session where state_sha256 = ?", state))
                .as("the state itself is never stored")
                .isZero();
    }

    @Test
    void pkce_challenge_is_unpadded_base64url_of_sha256() {
        // expected value computed independently: base64.urlsafe_b64encode(hashlib.sha256(v).digest()).rstrip("=")
        assertThat(Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWjWEjXk"))
                .isEqualTo("NNS0Ez_PMO2WBYwhGiQySuS2utVWLaIXxhX3Yk3nFOQ");
        assertThat(Pkce.verifier()).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void start_with_a_bad_token_shows_an_error_page_in_popup_mode_and_redirects_back_in_redirect_mode() {
        Hop popup = get(startUrl("lt_nonsense", "popup"));
        assertThat(popup.status()).isEqualTo(400);
        assertThat(popup.body())
                .contains("data-code=\"LINK.TOKEN_INVALID\"")
                .contains("\"type\":\"interlink:oauth\"")
                .contains("postMessage(message, origin)")
                .contains("\"" + LINK_UI + "\"");
        Hop redirect = get(startUrl("lt_nonsense", "redirect"));
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.query()).containsEntry("oauth_status", "error").containsEntry("code", "LINK.TOKEN_INVALID");
    }

    @Test
    void start_refuses_a_provider_the_link_does_not_offer_and_a_return_to_off_the_link_ui() {
        String catsOnly = linkToken(tenant, Map.of("providers", List.of("cats")));
        assertThat(get(startUrl(catsOnly, "redirect")).query()).containsEntry("code", "LINK.PROVIDER_NOT_ALLOWED");
        Hop evil = get(server.getURI() + "/link/oauth/lever/start?mode=redirect&return_to="
                + enc("https://evil.example/steal") + "&link_token=" + enc(linkToken()));
        assertThat(evil.status()).as("never redirects off the link UI").isEqualTo(400);
        assertThat(evil.body()).contains("PLATFORM.INPUT_INVALID");
    }

    @Test
    void start_without_an_oauth_app_says_linking_is_not_set_up() {
        TestTenant bare = TestTenants.create(tenants, api, "No App Tenant");
        Hop r = get(startUrl(linkToken(bare, Map.of("providers", List.of("lever"))), "redirect"));
        assertThat(r.query()).containsEntry("code", "INTEGRATION.OAUTH_APP_NOT_CONFIGURED");
    }

    // ---- the callback ----

    @Test
    void allow_creates_an_active_account_whose_tokens_work_for_a_proxy_call() {
        long before = accounts(tenant);
        String token = linkToken();
        Map<String, String> outcome = finish(consent(token, "allow"));
        assertThat(outcome).containsEntry("oauth_status", "success").containsEntry("provider", "lever");
        String id = outcome.get("integrated_account_id");

        JsonNode account = api.get("/integrated-accounts/" + id, tenant.token()).json();
        assertThat(account.get("status").asText()).isEqualTo("active");
        assertThat(account.get("provider").asText()).isEqualTo("lever");
        assertThat(account.at("/end_user/id").asText()).isEqualTo("eu-oauth");
        assertThat(accounts(tenant)).isEqualTo(before + 1);

        Api.Response proxied = api.get("/proxy/users?limit=1&integrated_account_id=" + id, tenant.token());
        assertThat(proxied.status()).as(proxied.text()).isEqualTo(200);
        assertThat(proxied.header("X-Remote-Status")).isEqualTo("200");
        assertThat(proxied.json().get("data").isArray()).isTrue();

        // the link token is consumed like after a credential submission
        Api.Response session = api.send("GET", "/link-session", null, null, Map.of("X-Link-Token", token));
        assertThat(session.code()).isEqualTo("LINK.TOKEN_CONSUMED");
    }

    @Test
    void popup_mode_answers_a_page_that_posts_to_the_exact_link_ui_origin_and_closes() {
        ProviderSandbox.get().oauthSettings(lever.accountId(), Map.of("auto_consent", true));
        Hop start = get(startUrl(linkToken(), "popup"));
        Hop toCallback = get(start.location());
        assertThat(toCallback.location()).startsWith(CALLBACK);
        Hop page = get(toCallback.location());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("window.opener.postMessage(message, origin)")
                .contains("var message = {\"type\":\"interlink:oauth\",\"status\":\"success\",\"provider\":\"lever\"")
                .contains("\"integrated_account_id\":\"")
                .contains("origin = \"" + LINK_UI + "\"")
                .contains("relay = \"" + LINK_UI + "/oauth-relay.html\"")
                .contains("window.close()")
                .doesNotContain("\"*\"");
    }

    @Test
    void deny_is_a_consent_denied_outcome_and_the_link_token_can_retry() {
        long before = accounts(tenant);
        String token = linkToken();
        Map<String, String> denied = finish(consent(token, "deny"));
        assertThat(denied).containsEntry("oauth_status", "error").containsEntry("code", "OAUTH.CONSENT_DENIED");
        assertThat(denied.get("message")).contains("not granted");
        assertThat(accounts(tenant)).isEqualTo(before);

        Map<String, String> retried = finish(consent(token, "allow"));
        assertThat(retried).containsEntry("oauth_status", "success");
        assertThat(accounts(tenant)).isEqualTo(before + 1);
    }

    @Test
    void a_replayed_state_is_refused_and_stores_nothing_more() {
        ProviderSandbox.get().oauthSettings(lever.accountId(), Map.of("auto_consent", true));
        Hop toCallback = get(start(linkToken()).toString());
        assertThat(finish(toCallback)).containsEntry("oauth_status", "success");
        long after = accounts(tenant);

        Hop replay = get(toCallback.location());
        assertThat(replay.status())
                .as("unknown state: no return_to to trust, so the page")
                .isEqualTo(400);
        assertThat(replay.body()).contains("data-code=\"LINK.OAUTH_STATE_INVALID\"");
        assertThat(accounts(tenant)).isEqualTo(after);
    }

    @Test
    void an_unknown_or_missing_state_is_refused() {
        assertThat(get(CALLBACK + "?code=abc&state=made-up").body()).contains("LINK.OAUTH_STATE_INVALID");
        assertThat(get(CALLBACK + "?code=abc").body()).contains("LINK.OAUTH_STATE_INVALID");
    }

    @Test
    void a_session_older_than_ten_minutes_is_refused() {
        ProviderSandbox.get().oauthSettings(lever.accountId(), Map.of("auto_consent", true));
        long before = accounts(tenant);
        Hop toCallback = get(start(linkToken()).toString());
        TestClockFactory.CLOCK.advance(Duration.ofMinutes(10).plusSeconds(1));
        Map<String, String> outcome = finish(toCallback);
        assertThat(outcome).containsEntry("code", "LINK.OAUTH_STATE_INVALID");
        assertThat(outcome.get("message")).contains("expired");
        assertThat(accounts(tenant)).isEqualTo(before);
    }

    @Test
    void the_token_endpoint_down_is_a_clear_retryable_error_and_nothing_is_stored() {
        ProviderSandbox.get().oauthSettings(lever.accountId(), Map.of("auto_consent", true, "token_fail_status", 503));
        long before = accounts(tenant);
        String token = linkToken();
        Map<String, String> outcome = finish(get(start(token).toString()));
        assertThat(outcome).containsEntry("oauth_status", "error").containsEntry("code", "REMOTE.SERVICE_UNAVAILABLE");
        assertThat(outcome.get("message")).contains("Lever").contains("503");
        assertThat(accounts(tenant)).isEqualTo(before);

        ProviderSandbox.get().oauthSettings(lever.accountId(), Map.of("token_fail_status", 0));
        assertThat(finish(get(start(token).toString()))).containsEntry("oauth_status", "success");
    }

    @Test
    void a_code_used_twice_is_rejected_as_invalid_grant() {
        ProviderSandbox.get().oauthSettings(lever.accountId(), Map.of("auto_consent", true));
        Hop first = get(start(linkToken()).toString());
        String code = first.query().get("code");
        assertThat(finish(first)).containsEntry("oauth_status", "success");
        // a fresh, valid state with the already redeemed code
        String freshState = query(start(linkToken())).get("state");
        Map<String, String> outcome =
                finish(new Hop(302, CALLBACK + "?state=" + enc(freshState) + "&code=" + enc(code), ""));
        assertThat(outcome).containsEntry("code", "LINK.OAUTH_CODE_REJECTED");
    }

    @Test
    void re_authorization_keeps_the_account_id_and_replaces_its_tokens() {
        ProviderSandbox.get().oauthSettings(lever.accountId(), Map.of("auto_consent", true));
        String id = finish(get(start(linkToken()).toString())).get("integrated_account_id");
        java.util.UUID accountId = java.util.UUID.fromString(id);
        long version = count("select version from oauth_token_state where account_id = ?", accountId);

        String reauth = linkToken(tenant, Map.of("integrated_account_id", id));
        long before = accounts(tenant);
        Map<String, String> outcome = finish(get(start(reauth).toString()));
        assertThat(outcome).containsEntry("oauth_status", "success").containsEntry("integrated_account_id", id);
        assertThat(accounts(tenant)).isEqualTo(before);
        assertThat(count("select version from oauth_token_state where account_id = ?", accountId))
                .as("TokenStateStore.replaced fenced refreshes in flight")
                .isEqualTo(version + 1);
        assertThat(api.get("/proxy/users?limit=1&integrated_account_id=" + id, tenant.token())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void a_state_of_tenant_a_cannot_complete_a_link_of_tenant_b() {
        TestTenant b = TestTenants.create(tenants, api, "Tenant B OAuth");
        Sandbox.OAuthAccountInfo leverB = leverAccount();
        register(b, leverB);
        ProviderSandbox.get().oauthSettings(leverB.accountId(), Map.of("auto_consent", true));
        ProviderSandbox.get().oauthSettings(lever.accountId(), Map.of("auto_consent", true));
        long aBefore = accounts(tenant);

        // B's browser gets a code for B's app; A's state is spliced in
        String tokenB = linkToken(b, Map.of("providers", List.of("lever")));
        Hop bBack = get(start(tokenB).toString());
        String codeB = bBack.query().get("code");
        String stateA = query(start(linkToken())).get("state");
        Map<String, String> spliced =
                finish(new Hop(302, CALLBACK + "?state=" + enc(stateA) + "&code=" + enc(codeB), ""));
        assertThat(spliced).containsEntry("oauth_status", "error").containsEntry("code", "LINK.OAUTH_CODE_REJECTED");
        assertThat(accounts(tenant)).isEqualTo(aBefore);
        assertThat(accounts(b)).isZero();

        // B's own callback (its state, its code) still completes B's link, into tenant B only
        Map<String, String> ok = finish(bBack);
        assertThat(ok).containsEntry("oauth_status", "success");
        assertThat(accounts(b)).isEqualTo(1);
        assertThat(api.get("/integrated-accounts/" + ok.get("integrated_account_id"), tenant.token())
                        .status())
                .isEqualTo(404);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
