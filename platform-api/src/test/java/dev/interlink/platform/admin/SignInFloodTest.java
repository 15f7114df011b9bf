package dev.interlink.platform.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The unauthenticated Argon2 flood, with the production settings (2 hashing slots, 250 ms wait): an attacker with
 * many addresses, so only the hashing slots stand between it and the CPU.
 */
@MicronautTest(transactional = false)
class SignInFloodTest extends ApiTest {
    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Override
    protected Map<String, String> extraProperties() {
        // the tenant's own calls below loop as fast as the (cached) /tenant answers; the per-tenant inbound limit
        // is not what this test is about, and at 100 req/s it answered 429 on a fast run
        return Map.of(
                "micronaut.server.client-address-header",
                "X-Forwarded-For",
                "interlink.inbound-rate.per-second",
                "100000",
                "interlink.inbound-rate.burst",
                "100000");
    }

    @Test
    @DisplayName("256 anonymous sign-ins, 64 at a time from as many addresses, leave the tenant API answering and"
            + " never answer 500")
    void floodDoesNotTakeTheApiDown() throws Exception {
        Api api = new Api(server.getURI());
        TestTenant tenant = TestTenants.create(tenants, api, "Flooded");
        ExecutorService flood = Executors.newFixedThreadPool(64);
        try {
            List<Future<Integer>> signIns = new ArrayList<>();
            for (int i = 0; i < 256; i++) {
                String address = "203.0.113." + (i % 250) + "-" + i;
                signIns.add(flood.submit(() -> api.send(
                                "POST",
                                "/admin/sessions",
                                null,
                                Map.of(
                                        "tenant",
                                        tenant.slug(),
                                        "email",
                                        "nobody-" + UUID.randomUUID() + "@example.com",
                                        "password",
                                        "guess"),
                                Map.of("X-Forwarded-For", address))
                        .status()));
            }
            List<Integer> apiCalls = new ArrayList<>();
            while (signIns.stream().anyMatch(f -> !f.isDone())) {
                apiCalls.add(api.get("/tenant", tenant.token()).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : signIns) {
                statuses.add(f.get());
            }

            assertThat(apiCalls).isNotEmpty().containsOnly(200);
            assertThat(statuses).containsOnly(401, 503);
        } finally {
            flood.shutdownNow();
        }
    }
}
