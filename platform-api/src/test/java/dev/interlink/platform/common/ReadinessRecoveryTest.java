package dev.interlink.platform.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.CuttableTcpProxy;
import dev.interlink.platform.testing.DatabaseAvailable;
import dev.interlink.platform.testing.TestDatabase;
import dev.interlink.platform.testing.TestKeys;
import dev.interlink.platform.testing.TestTenants;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Readiness is "database reachable AND schema current", and a replica recovers from a database outage by itself.
 * The outage is a cut TCP forwarder in front of the test database (the shared server itself is never stopped).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(DatabaseAvailable.class)
class ReadinessRecoveryTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    private static int awaitStatus(Api api, String path, String token, IntPredicate wanted) {
        long end = System.nanoTime() + BOUND.toNanos();
        int status;
        do {
            status = api.get(path, token).status();
            if (wanted.test(status)) return status;
            pause();
        } while (System.nanoTime() < end);
        return status;
    }

    private static void pause() {
        try {
            Thread.sleep(100); // a bounded poll, not a timing guess
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Object> through(CuttableTcpProxy proxy, Map<String, String> db) {
        Map<String, Object> props = new HashMap<>(db);
        URI base = URI.create(db.get("datasources.default.url").substring("jdbc:".length()));
        props.put(
                "datasources.default.url",
                "jdbc:postgresql://127.0.0.1:" + proxy.port() + base.getRawPath() + "?" + base.getRawQuery());
        props.put("micronaut.server.port", -1);
        props.put("interlink.jwt.keys", TestKeys.JWKS);
        props.put("datasources.default.connection-timeout", 1000);
        props.put("datasources.default.validation-timeout", 500);
        props.put("datasources.default.maximum-pool-size", 4);
        props.put("datasources.default.initialization-fail-timeout", -1);
        // every call must reach the database here: the replica caches would (rightly) answer a cached tenant for up
        // to a ping interval after the cut, which is not what these tests are about (ReplicaCachesTest covers it)
        props.put("interlink.caches.enabled", false);
        return props;
    }

    @Test
    void readiness_is_503_while_migrations_are_pending_and_200_once_they_ran() {
        Map<String, String> db = TestDatabase.freshSchema();
        URI target = URI.create(db.get("interlink.test.base-url").substring("jdbc:".length()));
        try (CuttableTcpProxy proxy = new CuttableTcpProxy(target.getHost(), target.getPort())) {
            Map<String, Object> props = through(proxy, db);
            props.put("flyway.datasources.default.enabled", false); // as with the chart's migration Job
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
                Api api = new Api(server.getURI());
                Api.Response before = api.get("/health/readiness", null);
                assertThat(before.status()).as(before.text()).isEqualTo(503);
                assertThat(api.get("/health/liveness", null).status()).isEqualTo(200);

                Flyway.configure()
                        .dataSource(db.get("interlink.test.base-url"), TestDatabase.user(), TestDatabase.password())
                        .schemas(db.get("interlink.test.schema"))
                        .locations("classpath:db/migration")
                        .load()
                        .migrate();

                assertThat(awaitStatus(api, "/health/readiness", null, s -> s == 200))
                        .isEqualTo(200);
            }
        } finally {
            TestDatabase.drop(db.get("interlink.test.base-url"), db.get("interlink.test.schema"));
        }
    }

    @Test
    void a_database_outage_gives_readiness_503_and_clear_503_problems_and_both_recover_without_a_restart() {
        Map<String, String> db = TestDatabase.freshSchema();
        URI target = URI.create(db.get("interlink.test.base-url").substring("jdbc:".length()));
        try (CuttableTcpProxy proxy = new CuttableTcpProxy(target.getHost(), target.getPort());
                EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, through(proxy, db))) {
            Api api = new Api(server.getURI());
            TenantService tenants = server.getApplicationContext().getBean(TenantService.class);
            TestTenants.TestTenant tenant = TestTenants.create(tenants, api, "Outage Co");
            assertThat(api.get("/health/readiness", null).status()).isEqualTo(200);
            assertThat(api.get("/tenant", tenant.token()).status()).isEqualTo(200);

            proxy.cut();

            // the very first call at the cut meets a pooled connection that breaks mid-query: it must already be
            // a clear 503, never a 401 "invalid token" (AuthFilter), and so must every call after it
            for (int i = 0; i < 5; i++) {
                Api.Response atCut = api.get("/tenant", tenant.token());
                assertThat(atCut.status())
                        .as("call %d after the cut: %s", i + 1, atCut.text())
                        .isEqualTo(503);
                assertThat(atCut.code()).isEqualTo("PLATFORM.UNAVAILABLE");
            }
            assertThat(awaitStatus(api, "/health/readiness", null, s -> s == 503))
                    .isEqualTo(503);
            assertThat(api.get("/health/liveness", null).status()).isEqualTo(200); // no restart wanted
            long start = System.nanoTime();
            Api.Response down = api.get("/tenant", tenant.token());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(down.status()).as(down.text()).isEqualTo(503);
            assertThat(down.code()).isEqualTo("PLATFORM.UNAVAILABLE");
            assertThat(down.header("Retry-After")).isNotNull();
            assertThat(took).as("an answer, not a hang").isLessThan(BOUND);

            proxy.restore();

            assertThat(awaitStatus(api, "/health/readiness", null, s -> s == 200))
                    .isEqualTo(200);
            assertThat(awaitStatus(api, "/tenant", tenant.token(), s -> s == 200))
                    .isEqualTo(200);
        } finally {
            TestDatabase.drop(db.get("interlink.test.base-url"), db.get("interlink.test.schema"));
        }
    }
}
