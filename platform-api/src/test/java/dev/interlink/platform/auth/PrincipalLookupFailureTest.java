package dev.interlink.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.DatabaseAvailable;
import dev.interlink.platform.testing.TestDatabase;
import dev.interlink.platform.testing.TestKeys;
import dev.interlink.platform.testing.TestTenants;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A query that fails while the principal of a request is resolved is the platform's trouble, not the caller's: the
 * answer is 503 PLATFORM.UNAVAILABLE, never 401 "invalid token". The failure here carries no connection SQLState
 * (the table is renamed away, 42P01), which is what a connection broken mid-query can look like too.
 */
@ExtendWith(DatabaseAvailable.class)
class PrincipalLookupFailureTest {
    private static void sql(Map<String, String> db, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(
                        db.get("interlink.test.base-url"), TestDatabase.user(), TestDatabase.password());
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void a_failing_principal_lookup_answers_503_and_not_401() throws Exception {
        Map<String, String> db = TestDatabase.freshSchema();
        String schema = db.get("interlink.test.schema");
        Map<String, Object> props = new HashMap<>(db);
        props.put("micronaut.server.port", -1);
        props.put("interlink.jwt.keys", TestKeys.JWKS);
        // the lookup must reach the database: a cached client would answer without it (cache/ReplicaCaches)
        props.put("interlink.caches.enabled", false);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
            Api api = new Api(server.getURI());
            TestTenants.TestTenant tenant =
                    TestTenants.create(server.getApplicationContext().getBean(TenantService.class), api, "Lookup Co");
            assertThat(api.get("/tenant", tenant.token()).status()).isEqualTo(200);

            sql(db, "alter table " + schema + ".api_client rename to api_client_away");
            try {
                Api.Response failed = api.get("/tenant", tenant.token());
                assertThat(failed.status()).as(failed.text()).isEqualTo(503);
                assertThat(failed.code()).isEqualTo("PLATFORM.UNAVAILABLE");
                assertThat(failed.header("Retry-After")).isNotNull();
            } finally {
                sql(db, "alter table " + schema + ".api_client_away rename to api_client");
            }

            assertThat(api.get("/tenant", tenant.token()).status()).isEqualTo(200);
            assertThat(api.get("/tenant", "not-a-token").status()).isEqualTo(401); // a bad token is still a 401
        } finally {
            TestDatabase.drop(db.get("interlink.test.base-url"), schema);
        }
    }
}
