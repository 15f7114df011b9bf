package dev.interlink.platform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.testcontainers.containers.PostgreSQLContainer;

/** Where test databases live: {@code TEST_JDBC_URL} (a local server) or one shared Testcontainers PostgreSQL. */
public final class TestDatabase {
    private static PostgreSQLContainer<?> container;

    private TestDatabase() {}

    /** The login of the server in use: the container's once one runs, so {@link #drop} works there too. */
    public static synchronized String user() {
        return container != null ? container.getUsername() : System.getenv().getOrDefault("TEST_JDBC_USER", "postgres");
    }

    public static synchronized String password() {
        return container != null ? container.getPassword() : System.getenv().getOrDefault("TEST_JDBC_PASSWORD", "");
    }

    /** Datasource + Flyway properties for a fresh schema of its own, so test classes never see each other's rows. */
    public static synchronized Map<String, String> freshSchema() {
        String url = System.getenv("TEST_JDBC_URL");
        String user = user();
        String password = password();
        if (url == null || url.isBlank()) {
            if (container == null) {
                container = new PostgreSQLContainer<>("postgres:15-alpine");
                container.start();
            }
            url = container.getJdbcUrl();
            user = container.getUsername();
            password = container.getPassword();
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Map<String, String> props = new HashMap<>();
        props.put("datasources.default.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        props.put("datasources.default.username", user);
        props.put("datasources.default.password", password);
        props.put("flyway.datasources.default.schemas", schema);
        props.put("interlink.test.schema", schema);
        props.put("interlink.test.base-url", url);
        return props;
    }

    public static void drop(String baseUrl, String schema) {
        try (Connection c = DriverManager.getConnection(baseUrl, user(), password())) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (Exception ignored) {
            // best effort: CI uses a throwaway database anyway
        }
    }
}
