package dev.interlink.platform.proxy;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@MicronautTest(transactional = false)
class ProxyTest extends ApiTest {
    static final Sandbox SANDBOX = Sandbox.start(0);

    /** Each would leave the base URL, smuggle a header or hide a dot segment; none may reach the provider. */
    static final List<String> CRAFTED = List.of(
            "/proxy/..",
            "/proxy/../_sandbox/health",
            "/proxy/candidates/../../../_sandbox/health",
            "/proxy/./candidates",
            "/proxy/candidates/.",
            "/proxy/%2e%2e/%2e%2e/_sandbox/health",
            "/proxy/%2E%2E/_sandbox/health",
            "/proxy/..%2f..%2f_sandbox/health",
            "/proxy/..%2F_sandbox",
            "/proxy/%252e%252e/_sandbox/health",
            "/proxy/%25%32%65%25%32%65/_sandbox",
            "/proxy//evil.example.com/x",
            "/proxy/http:%2f%2fevil.example.com/",
            "/proxy/https:/evil.example.com",
            "/proxy/http:/%2fevil.example.com",
            "/proxy/@evil.example.com",
            "/proxy/candidates@evil.example.com",
            "/proxy/%40evil.example.com",
            "/proxy/%5c%5cevil.example.com",
            "/proxy/..%5c_sandbox",
            "/proxy/candidates%0d%0aHost:%20evil.example.com",
            "/proxy/candidates%0aX-Injected:1",
            "/proxy/candidates%00",
            "/proxy/candidates?page=1%0d%0aX-Injected:%201",
            "/proxy/;@evil.example.com/",
            "/proxy/%2fetc%2fpasswd",
            "/proxy/candidates//1",
            "/proxy/candidates/%2e%2e%2f%2e%2e%2fjobs");

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    Api api;
    TestTenant a;
    Sandbox.AccountInfo catsSandbox;
    String cats;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>();
        p.putAll(dev.interlink.platform.account.ProviderSandbox.catalogOverrides(SANDBOX));
        return p;
    }

    @BeforeAll
    void account() {
        api = new Api(server.getURI());
        a = TestTenants.create(tenants, api, "Tenant A");
        catsSandbox = SANDBOX.createAccount("cats", 42, 30);
        SANDBOX.setRollingLimit(catsSandbox.accountId(), 1_000_000, 3600);
        Api.Response r = api.post(
                "/integrated-accounts",
                a.token(),
                Map.of(
                        "provider",
                        "cats",
                        "end_user",
                        Map.of("id", "proxy-user"),
                        "credentials",
                        Map.of("api_key", catsSandbox.apiKey())));
        cats = r.json().get("id").asText();
    }

    @AfterAll
    void stop() {
        SANDBOX.close();
    }

    long providerRequests() {
        return ((Number) SANDBOX.counters(catsSandbox.accountId()).get("requests")).longValue();
    }

    @Test
    void a_get_is_forwarded_with_its_query_and_the_account_credentials() {
        Api.Response r = api.get("/proxy/candidates?per_page=3&integrated_account_id=" + cats, a.token());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Remote-Status")).isEqualTo("200");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json().get("count").asInt()).isEqualTo(3);
        assertThat(r.header("X-Remote-Duration-Ms")).isNotNull();
    }

    @Test
    void a_provider_error_comes_back_as_the_provider_sent_it() {
        Api.Response r = api.get("/proxy/candidates/1?integrated_account_id=" + cats, a.token());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("X-Remote-Status")).isEqualTo("404");
    }

    @Test
    void the_callers_authorization_never_reaches_the_provider() {
        // our bearer token is not forwarded: the provider still sees the account's own key and answers 200
        Api.Response r =
                api.send("GET", "/proxy/site?integrated_account_id=" + cats, a.token(), null, Map.of("Cookie", "a=b"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Set-Cookie")).isNull();
    }

    @Test
    void every_crafted_path_is_rejected_before_any_request_leaves() {
        long before = providerRequests();
        for (String path : CRAFTED) {
            String url = path + (path.contains("?") ? "&" : "?") + "integrated_account_id=" + cats;
            Api.Response r = api.get(url, a.token());
            assertThat(r.status()).as(path).isIn(400);
        }
        assertThat(CRAFTED).hasSizeGreaterThanOrEqualTo(20);
        assertThat(providerRequests()).isEqualTo(before);
    }

    @Test
    void the_proxy_needs_an_account() {
        Api.Response r = api.get("/proxy/candidates", a.token());
        assertThat(r.status()).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "/proxy/..;/_sandbox/health",
                "/proxy/candidates/..;/..;/_sandbox/health",
                "/proxy/candidates;jsessionid=x",
                "/proxy/candidates/1;/x",
                "/proxy/.;/candidates",
                "/proxy/.git/config",
                "/proxy/candidates/.env",
                "/proxy/...",
                "/proxy/.%2e/_sandbox"
            })
    @DisplayName(
            "a proxy path with a '..;' segment, a ';' or a segment starting with '.' is refused before reaching the provider")
    void dot_and_semicolon_segments_are_refused(String path) {
        long before = providerRequests();
        Api.Response r = api.get(path + "?integrated_account_id=" + cats, a.token());
        assertThat(r.status()).as(path + " " + r.text()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("PLATFORM.INPUT_INVALID");
        assertThat(r.json().at("/errors/0/pointer").asText()).isEqualTo("/path");
        assertThat(providerRequests()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {520, 499, 218, 299, 451, 599})
    @DisplayName("a provider status Micronaut has no name for comes back as it is, not as a 500")
    void any_status_passes_through(int status) {
        SANDBOX.setFault(catsSandbox.accountId(), "status-" + status, 1.0, null, 0);
        try {
            for (int i = 0; i < 3; i++) { // the provider connection is released each time (a leak would stall here)
                Api.Response r = api.get("/proxy/candidates?integrated_account_id=" + cats, a.token());
                assertThat(r.status()).as(r.text()).isEqualTo(status);
                assertThat(r.header("X-Remote-Status")).isEqualTo(String.valueOf(status));
                assertThat(r.text()).isEqualTo("sandbox answered " + status);
            }
        } finally {
            SANDBOX.clearFault(catsSandbox.accountId());
        }
        assertThat(api.get("/proxy/candidates?per_page=1&integrated_account_id=" + cats, a.token())
                        .status())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("a proxied provider body cannot be sniffed or run as a page in the API's origin")
    void proxied_bodies_are_sandboxed() {
        Api.Response r = api.get("/proxy/candidates?per_page=1&integrated_account_id=" + cats, a.token());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Content-Security-Policy")).isEqualTo("sandbox; default-src 'none'");
        SANDBOX.setFault(catsSandbox.accountId(), "html500", 1.0, null, 0);
        try {
            Api.Response html = api.get("/proxy/candidates?integrated_account_id=" + cats, a.token());
            assertThat(html.status()).isEqualTo(500);
            assertThat(html.header("Content-Type")).startsWith("text/html");
            assertThat(html.header("Content-Security-Policy")).isEqualTo("sandbox; default-src 'none'");
            assertThat(html.header("X-Content-Type-Options")).isEqualTo("nosniff");
        } finally {
            SANDBOX.clearFault(catsSandbox.accountId());
        }
    }
}
