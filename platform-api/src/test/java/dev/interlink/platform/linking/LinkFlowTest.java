package dev.interlink.platform.linking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.common.Ids;
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
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Link tokens and the link-session routes the link UI calls, against the provider-sandbox. */
@MicronautTest(transactional = false)
class LinkFlowTest extends ApiTest {
    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> tx;

    Api api;
    TestTenant tenant;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> props = new HashMap<>(ProviderSandbox.properties());
        props.put("interlink.test.clock", "mutable");
        props.put("interlink.link.max-attempts", "3");
        props.put("interlink.link-ui-url", "https://link.example.test");
        props.put("interlink.public-api-url", "https://api.example.test");
        return props;
    }

    @BeforeAll
    void setUp() {
        api = new Api(server.getURI());
        tenant = TestTenants.create(tenants, api, "Link Tenant");
        api.patch(
                "/tenant",
                tenant.token(),
                Map.of("display_name", "Acme HR", "allowed_origins", List.of("https://app.acme.test")));
    }

    private JsonNode issue(Map<String, Object> body) {
        Api.Response r = api.post("/link-tokens", tenant.token(), body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    private String token() {
        return issue(Map.of("end_user", Map.of("id", "eu-1", "name", "Eve", "email", "eve@example.com")))
                .get("link_token")
                .asText();
    }

    private Api.Response session(String token) {
        return api.send("GET", "/link-session", null, null, Map.of("X-Link-Token", token));
    }

    private Api.Response submit(String token, String provider, Map<String, String> credentials) {
        return api.send(
                "POST",
                "/link-session/accounts",
                null,
                Map.of("provider", provider, "credentials", credentials),
                Map.of("X-Link-Token", token));
    }

    private Api.Response submitCats(String token, Sandbox.AccountInfo cats) {
        return submit(token, "cats", Map.of("api_key", cats.apiKey()));
    }

    @Test
    void issuing_a_token_returns_the_token_a_link_url_and_a_30_minute_expiry() {
        JsonNode created = issue(Map.of("end_user", Map.of("id", "eu-1")));
        String token = created.get("link_token").asText();
        assertThat(token).startsWith("lt_").hasSizeGreaterThanOrEqualTo(3 + 43);
        assertThat(created.get("link_url").asText()).isEqualTo("https://link.example.test/link?link_token=" + token);
        assertThat(java.time.Instant.parse(created.get("expires_at").asText()))
                .isEqualTo(TestClockFactory.CLOCK
                        .instant()
                        .truncatedTo(java.time.temporal.ChronoUnit.MICROS)
                        .plus(Duration.ofMinutes(30)));
    }

    @Test
    void the_token_is_stored_only_as_its_hash() {
        String token = token();
        long byHash = tx.executeRead(
                status -> jdbc.prepareStatement("select count(*) from link_token where token_sha256 = ?", ps -> {
                    ps.setString(1, Ids.sha256Hex(token));
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }));
        long byValue = tx.executeRead(status -> jdbc.prepareStatement(
                "select count(*) from link_token where token_sha256 = ? or end_user_id = ?", ps -> {
                    ps.setString(1, token);
                    ps.setString(2, token);
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }));
        assertThat(byHash).isEqualTo(1);
        assertThat(byValue).isZero();
    }

    @Test
    void the_session_shows_the_tenant_the_end_user_and_the_provider_forms() {
        JsonNode s = session(token()).json();
        assertThat(s.at("/tenant/display_name").asText()).isEqualTo("Acme HR");
        assertThat(s.at("/end_user/id").asText()).isEqualTo("eu-1");
        assertThat(s.at("/end_user/email").asText()).isEqualTo("eve@example.com");
        assertThat(s.get("providers").findValuesAsText("id")).containsExactly("cats", "lever", "loxo");
        assertThat(s.at("/providers/0/logo_url").asText())
                .isEqualTo("https://api.example.test/integrations/cats/logo.svg");
        assertThat(s.at("/providers/0/auth_mode").asText()).isEqualTo("API_KEY");
        JsonNode domain = s.at("/providers/2/fields/2");
        assertThat(domain.get("name").asText()).isEqualTo("domain");
        assertThat(domain.get("default").asText()).isEqualTo("app.loxo.co");
        assertThat(domain.get("required").asBoolean()).isFalse();
        assertThat(s.at("/providers/0/fields/0/secret").asBoolean()).isTrue();
        assertThat(s.at("/providers/0/fields/0/help_text").asText()).contains("Administration");
        assertThat(s.get("reauth").isNull()).isTrue();
        assertThat(s.get("allowed_origins").findValuesAsText("")).isEmpty();
        assertThat(s.get("allowed_origins").get(0).asText()).isEqualTo("https://app.acme.test");
        assertThat(s.has("expires_at")).isTrue();
    }

    @Test
    void the_session_offers_only_the_providers_the_token_names() {
        String token = issue(Map.of("end_user", Map.of("id", "eu-2"), "providers", List.of("loxo")))
                .get("link_token")
                .asText();
        assertThat(session(token).json().get("providers").findValuesAsText("id"))
                .containsExactly("loxo");
        Api.Response r = submitCats(token, ProviderSandbox.cats());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("LINK.PROVIDER_NOT_ALLOWED");
    }

    @Test
    void an_unknown_token_is_invalid() {
        Api.Response r = session("lt_" + "A".repeat(43));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("LINK.TOKEN_INVALID");
        assertThat(api.get("/link-session", null).code()).isEqualTo("LINK.TOKEN_INVALID");
    }

    @Test
    void a_token_past_its_expiry_is_rejected() {
        String token = token();
        TestClockFactory.CLOCK.advance(Duration.ofMinutes(31));
        try {
            Api.Response r = session(token);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.code()).isEqualTo("LINK.TOKEN_EXPIRED");
            assertThat(submitCats(token, ProviderSandbox.cats()).code()).isEqualTo("LINK.TOKEN_EXPIRED");
        } finally {
            TestClockFactory.CLOCK.advance(Duration.ofMinutes(-31));
        }
    }

    @Test
    void an_expires_in_beyond_24_hours_is_rejected() {
        Api.Response r =
                api.post("/link-tokens", tenant.token(), Map.of("end_user", Map.of("id", "x"), "expires_in", 90_000));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").findValuesAsText("pointer")).containsExactly("/expires_in");
    }

    @Test
    void a_successful_submission_creates_an_active_account_the_tenant_sees() {
        Api.Response r = submitCats(token(), ProviderSandbox.cats());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("status").asText()).isEqualTo("active");
        assertThat(r.json().get("provider").asText()).isEqualTo("cats");
        assertThat(r.json().get("reauthorized").asBoolean()).isFalse();
        String id = r.json().get("integrated_account_id").asText();
        Api.Response account = api.get("/integrated-accounts/" + id, tenant.token());
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.json().at("/end_user/id").asText()).isEqualTo("eu-1");
    }

    @Test
    void a_token_replayed_after_success_is_consumed() {
        String token = token();
        assertThat(submitCats(token, ProviderSandbox.cats()).status()).isEqualTo(201);
        Api.Response replay = submitCats(token, ProviderSandbox.cats());
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.code()).isEqualTo("LINK.TOKEN_CONSUMED");
        assertThat(session(token).code()).isEqualTo("LINK.TOKEN_CONSUMED");
    }

    @Test
    void rejected_credentials_answer_422_and_leave_the_token_usable() {
        String token = token();
        Api.Response bad = submit(token, "cats", Map.of("api_key", "not-the-right-key"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.code()).isEqualTo("INTEGRATION.CREDENTIALS_INVALID");
        assertThat(bad.json().get("detail").asText()).contains("Invalid credentials");
        assertThat(submitCats(token, ProviderSandbox.cats()).status()).isEqualTo(201);
    }

    @Test
    void malformed_fields_answer_400_with_pointers_and_do_not_count_as_attempts() {
        String token = token();
        for (int i = 0; i < 5; i++) {
            Api.Response r = submit(token, "loxo", Map.of("api_key", "x"));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("errors").findValuesAsText("pointer"))
                    .containsExactlyInAnyOrder("/credentials/api_key", "/credentials/agency_slug");
        }
        assertThat(submitCats(token, ProviderSandbox.cats()).status()).isEqualTo(201);
    }

    @Test
    void a_provider_outage_answers_502_retryable() {
        Sandbox.AccountInfo cats = ProviderSandbox.cats();
        ProviderSandbox.get().setFault(cats.accountId(), "503", 1.0, null, 0);
        Api.Response r = submitCats(token(), cats);
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.code()).isEqualTo("REMOTE.SERVICE_UNAVAILABLE");
        assertThat(r.json().get("retryable").asBoolean()).isTrue();
    }

    @Test
    void a_token_allows_a_limited_number_of_credential_attempts() {
        String token = token();
        for (int i = 0; i < 3; i++) {
            assertThat(submit(token, "cats", Map.of("api_key", "guess-number-" + i))
                            .status())
                    .isEqualTo(422);
        }
        Api.Response r = submitCats(token, ProviderSandbox.cats());
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.code()).isEqualTo("LINK.TOO_MANY_ATTEMPTS");
    }

    @Test
    void re_authorization_keeps_the_account_id() {
        String id = submitCats(token(), ProviderSandbox.cats())
                .json()
                .get("integrated_account_id")
                .asText();
        String token = issue(Map.of("end_user", Map.of("id", "eu-1"), "integrated_account_id", id))
                .get("link_token")
                .asText();
        JsonNode s = session(token).json();
        assertThat(s.at("/reauth/integrated_account_id").asText()).isEqualTo(id);
        assertThat(s.at("/reauth/provider").asText()).isEqualTo("cats");
        Sandbox.AccountInfo fresh = ProviderSandbox.cats();
        Api.Response r = submitCats(token, fresh);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("integrated_account_id").asText()).isEqualTo(id);
        assertThat(r.json().get("reauthorized").asBoolean()).isTrue();
    }

    @Test
    void two_concurrent_successful_submissions_create_only_one_account() throws Exception {
        String endUser = "race-" + UUID.randomUUID();
        String token = issue(Map.of("end_user", Map.of("id", endUser)))
                .get("link_token")
                .asText();
        Sandbox.AccountInfo cats = ProviderSandbox.cats();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> results = Stream.of(1, 2, 3)
                .map(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return submitCats(token, cats).status();
                }))
                .toList();
        start.countDown();
        List<Integer> statuses = results.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).containsOnlyOnce(201);
        assertThat(statuses).filteredOn(s -> s != 201).containsOnly(401);
        assertThat(api.get("/integrated-accounts?end_user_id=" + endUser, tenant.token())
                        .json()
                        .get("result_count")
                        .asInt())
                .isEqualTo(1);
    }

    private void deleteTenant(java.util.UUID id) {
        tx.executeWrite(status -> jdbc.prepareStatement("update tenant set deleted_at = now() where id = ?", ps -> {
            ps.setObject(1, id);
            return ps.executeUpdate();
        }));
    }

    private long accountsOf(java.util.UUID tenantId) {
        return tx.executeRead(
                status -> jdbc.prepareStatement("select count(*) from integrated_account where tenant_id = ?", ps -> {
                    ps.setObject(1, tenantId);
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }));
    }

    private String tokenOf(TestTenant t) {
        Api.Response r = api.post("/link-tokens", t.token(), Map.of("end_user", Map.of("id", "eu-gone")));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("link_token").asText();
    }

    @Test
    @DisplayName("a link issued by a tenant that has since been deleted cannot create an account")
    void a_deleted_tenants_link_cannot_submit() {
        TestTenant doomed = TestTenants.create(tenants, api, "Doomed link tenant");
        String token = tokenOf(doomed);
        Sandbox.AccountInfo cats = ProviderSandbox.cats();
        ProviderSandbox.get().resetCounters(cats.accountId());
        deleteTenant(doomed.id());

        Api.Response r = submitCats(token, cats);

        assertThat(r.status()).as(r.text()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("LINK.TOKEN_INVALID");
        assertThat(accountsOf(doomed.id())).isZero();
        // refused before the provider is called: the end customer's credentials go nowhere
        assertThat(((Number) ProviderSandbox.get().counters(cats.accountId()).get("requests")).longValue())
                .isZero();
    }

    @Test
    @DisplayName("a tenant deleted while the provider verifies a link's credentials gets no account")
    void a_tenant_deleted_during_verification_gets_no_account() throws Exception {
        TestTenant doomed = TestTenants.create(tenants, api, "Doomed mid-flight");
        String token = tokenOf(doomed);
        Sandbox.AccountInfo cats = ProviderSandbox.cats();
        ProviderSandbox.get().setFault(cats.accountId(), "latency", 1.0, null, 1200);
        try {
            CompletableFuture<Api.Response> submitted = CompletableFuture.supplyAsync(() -> submitCats(token, cats));
            Thread.sleep(400); // the verification request is at the provider now
            deleteTenant(doomed.id());
            Api.Response r = submitted.get();
            assertThat(r.status()).as(r.text()).isEqualTo(401);
            assertThat(r.code()).isEqualTo("LINK.TOKEN_INVALID");
        } finally {
            ProviderSandbox.get().clearFault(cats.accountId());
        }
        assertThat(accountsOf(doomed.id())).isZero();
    }
}
