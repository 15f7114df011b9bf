package dev.interlink.platform.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import dev.interlink.sandbox.Sandbox;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The retry table end to end: the sandbox misbehaves the way providers do, and a unified call through the
 * whole pipeline (rate budget, retries, error mapping) is retried or fails as {@link RetryStep} says, within
 * its time bound, with a clear problem.
 */
@MicronautTest(transactional = false)
class ProviderFaultsTest extends ApiTest {
    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    Api api;
    TestTenant tenant;
    Sandbox sandbox = ProviderSandbox.get();

    @Override
    protected Map<String, String> extraProperties() {
        return ProviderSandbox.properties(); // read timeout 2 s
    }

    @BeforeAll
    void setUp() {
        api = new Api(server.getURI());
        tenant = TestTenants.create(tenants, api, "Faults");
    }

    private record Account(Sandbox.AccountInfo remote, String id) {}

    private Account cats() {
        Sandbox.AccountInfo remote = sandbox.createAccount("cats", 5, 10);
        String id = api.post(
                        "/integrated-accounts",
                        tenant.token(),
                        Map.of(
                                "provider",
                                "cats",
                                "end_user",
                                Map.of("id", "faulty"),
                                "credentials",
                                Map.of("api_key", remote.apiKey())))
                .json()
                .get("id")
                .asText();
        sandbox.resetCounters(remote.accountId());
        return new Account(remote, id);
    }

    private Api.Response jobs(Account account) {
        return api.get("/unified/ats/jobs?limit=5&integrated_account_id=" + account.id(), tenant.token());
    }

    @SuppressWarnings("unchecked")
    private int answered(Account account, String status) {
        Object n = ((Map<String, Object>)
                        sandbox.counters(account.remote().accountId()).get("by_status"))
                .get(status);
        return n == null ? 0 : ((Number) n).intValue();
    }

    @Test
    void a_single_503_is_retried_and_the_caller_never_sees_it() {
        Account account = cats();
        sandbox.setFault(account.remote().accountId(), "503", 1.0, 1L, 0);
        assertThat(jobs(account).status()).isEqualTo(200);
        assertThat(answered(account, "503")).isEqualTo(1);
    }

    @Test
    void a_connection_reset_on_a_read_is_retried() {
        Account account = cats();
        sandbox.setFault(account.remote().accountId(), "reset", 1.0, 1L, 0);
        assertThat(jobs(account).status()).isEqualTo(200);
    }

    @Test
    void a_429_with_retry_after_is_waited_out_and_retried() {
        Account account = cats();
        sandbox.setFault(account.remote().accountId(), "429", 1.0, 1L, 0);
        Api.Response response = jobs(account);
        assertThat(response.status()).isEqualTo(200);
        assertThat(answered(account, "429")).isEqualTo(1);
    }

    @Test
    void a_provider_that_keeps_answering_html_500_fails_after_bounded_attempts_with_a_clear_problem() {
        Account account = cats();
        sandbox.setFault(account.remote().accountId(), "html500", 1.0, null, 0);
        long start = System.nanoTime();
        Api.Response response = jobs(account);
        assertThat(response.status()).isEqualTo(502);
        assertThat(response.code()).isEqualTo("REMOTE.SERVICE_UNAVAILABLE");
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.text()).doesNotContain(account.remote().apiKey());
        assertThat(answered(account, "500")).isEqualTo(1); // 500 is not in CATS' retry list: not retried
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void a_provider_that_keeps_answering_503_is_tried_three_times_then_reported() {
        Account account = cats();
        sandbox.setFault(account.remote().accountId(), "503", 1.0, null, 0);
        Api.Response response = jobs(account);
        assertThat(response.status()).isEqualTo(502);
        assertThat(response.code()).isEqualTo("REMOTE.SERVICE_UNAVAILABLE");
        assertThat(answered(account, "503")).isEqualTo(3);
    }

    @Test
    void a_provider_that_hangs_answers_504_within_the_time_bound() {
        Account account = cats();
        sandbox.setFault(account.remote().accountId(), "hang", 1.0, null, 0);
        long start = System.nanoTime();
        Api.Response response = jobs(account);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.status()).isEqualTo(504);
        assertThat(response.code()).isEqualTo("REMOTE.TIMEOUT");
        assertThat(millis).isLessThan(12_000); // 2 s read timeout per attempt, 10 s for all attempts
        sandbox.clearFault(account.remote().accountId());
    }

    @Test
    void a_write_answered_503_is_not_retried() {
        Account account = cats();
        sandbox.setFault(account.remote().accountId(), "503", 1.0, null, 0);
        Api.Response response = api.post(
                "/unified/ats/candidates?integrated_account_id=" + account.id(),
                tenant.token(),
                Map.of("first_name", "Ada", "last_name", "Lovelace"));
        assertThat(response.status()).isGreaterThanOrEqualTo(500);
        assertThat(answered(account, "503")).isEqualTo(1);
    }
}
