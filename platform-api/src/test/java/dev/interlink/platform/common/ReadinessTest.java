package dev.interlink.platform.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.TestKeys;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Readiness reflects the database: a replica that cannot reach PostgreSQL must leave the load balancer. */
class ReadinessTest {
    @Test
    void readiness_fails_when_the_database_is_unreachable() {
        Map<String, Object> props = Map.of(
                "micronaut.server.port",
                -1,
                "datasources.default.url",
                "jdbc:postgresql://127.0.0.1:1/nowhere",
                "datasources.default.initialization-fail-timeout",
                -1,
                "datasources.default.connection-timeout",
                1000,
                "flyway.datasources.default.enabled",
                false,
                "interlink.jwt.keys",
                TestKeys.JWKS);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
            Api api = new Api(server.getURI());
            assertThat(api.get("/health/readiness", null).status()).isEqualTo(503);
            assertThat(api.get("/health/liveness", null).status()).isEqualTo(200);
        }
    }
}
