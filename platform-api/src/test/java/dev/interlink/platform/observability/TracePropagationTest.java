package dev.interlink.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** W3C trace context crosses platform-api into the provider, with tracing export off (the default). */
@MicronautTest(transactional = false)
class TracePropagationTest extends ApiTest {
    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    Tracing tracing;

    Api api;
    TestTenant tenant;
    String account;

    @Override
    protected Map<String, String> extraProperties() {
        return ProviderSandbox.properties();
    }

    @BeforeAll
    void account() {
        api = new Api(server.getURI());
        tenant = TestTenants.create(tenants, api, "Tracing Co");
        Api.Response r = api.post("/integrated-accounts", tenant.token(), catsAccount("trace-user"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        account = r.json().get("id").asText();
    }

    /** The body that imports the sandbox's CATS account for one end user. */
    private static Map<String, Object> catsAccount(String endUserId) {
        return Map.of(
                "provider",
                "cats",
                "end_user",
                Map.of("id", endUserId),
                "credentials",
                Map.of("api_key", ProviderSandbox.cats().apiKey()));
    }

    private Api.Response get(String path, String traceparent) {
        return api.send("GET", path, tenant.token(), null, Map.of("traceparent", traceparent));
    }

    @Test
    void a_unified_read_with_a_traceparent_reaches_the_provider_with_the_same_trace_id() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Api.Response r = get(
                "/unified/ats/candidates?limit=1&integrated_account_id=" + account,
                "00-" + traceId + "-00f067aa0ba902b7-01");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(ProviderSandbox.get().traceIds()).contains(traceId);
    }

    @Test
    void a_proxied_call_with_a_traceparent_reaches_the_provider_with_the_same_trace_id() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        Api.Response r = get("/proxy/site?integrated_account_id=" + account, "00-" + traceId + "-b7ad6b7169203331-01");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(ProviderSandbox.get().traceIds()).contains(traceId);
    }

    @Test
    void a_log_line_written_while_serving_a_traced_request_carries_its_trace_id_next_to_the_request_id() {
        String traceId = "5c1e8f0d2a4b46c7b9e3f1a2d4c6e8f0";
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger(dev.interlink.platform.account.CredentialVerifier.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            // importing an account verifies its credentials, which logs the provider's answer
            Api.Response r = api.send(
                    "POST",
                    "/integrated-accounts",
                    tenant.token(),
                    catsAccount("trace-log-user"),
                    Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
            assertThat(r.status()).as(r.text()).isEqualTo(201);
        } finally {
            logger.detachAppender(lines);
        }

        assertThat(lines.list).isNotEmpty().allSatisfy(line -> {
            assertThat(line.getMDCPropertyMap()).containsEntry(TracingFilter.MDC_KEY, traceId);
            assertThat(line.getMDCPropertyMap()).containsKey("request_id");
        });
    }

    @Test
    void tracing_is_off_by_default_and_a_request_without_traceparent_sends_none() {
        assertThat(tracing.exporting()).isFalse();
        int before = ProviderSandbox.get().traceIds().size();
        Api.Response r = api.get("/proxy/site?integrated_account_id=" + account, tenant.token());
        assertThat(r.status()).isEqualTo(200);
        assertThat(ProviderSandbox.get().traceIds()).hasSize(before);
    }
}
