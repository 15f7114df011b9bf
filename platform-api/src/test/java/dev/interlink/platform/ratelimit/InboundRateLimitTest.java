package dev.interlink.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class InboundRateLimitTest extends ApiTest {
    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Override
    protected Map<String, String> extraProperties() {
        // a slow refill so the test cannot race it
        return Map.of("interlink.inbound-rate.per-second", "0.01", "interlink.inbound-rate.burst", "3");
    }

    @Test
    void a_tenant_over_its_inbound_limit_gets_429_with_retry_after_and_others_are_unaffected() {
        Api api = new Api(server.getURI());
        TestTenant a = TestTenants.create(tenants, api, "A");
        TestTenant b = TestTenants.create(tenants, api, "B");
        Api.Response first = api.get("/tenant", a.token());
        assertThat(first.header("RateLimit-Limit")).isEqualTo("3");
        assertThat(first.header("RateLimit-Remaining")).isEqualTo("2");
        api.get("/tenant", a.token());
        api.get("/tenant", a.token());
        Api.Response limited = api.get("/tenant", a.token());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("PLATFORM.RATE_LIMIT_EXCEEDED");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        assertThat(api.get("/tenant", b.token()).status()).isEqualTo(200);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("A tenant that mints another API client gets no more inbound capacity")
    void minting_another_client_does_not_raise_the_tenants_limit() {
        Api api = new Api(server.getURI());
        TestTenant c = TestTenants.create(tenants, api, "C");
        Api.Response minted = api.post("/api-clients", c.token(), Map.of("name", "second"));
        assertThat(minted.status()).as(minted.text()).isEqualTo(201);
        String second = api.token(
                        minted.json().at("/client/client_id").asText(),
                        minted.json().get("client_secret").asText(),
                        null)
                .json()
                .get("access_token")
                .asText();

        assertThat(api.get("/tenant", c.token()).status()).isEqualTo(200);
        assertThat(api.get("/tenant", second).status()).isEqualTo(200);
        Api.Response limited = api.get("/tenant", second);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("PLATFORM.RATE_LIMIT_EXCEEDED");
    }
}
