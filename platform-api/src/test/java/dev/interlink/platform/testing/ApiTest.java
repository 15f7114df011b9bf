package dev.interlink.platform.testing;

import io.micronaut.context.annotation.Value;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of every test that needs platform-api with its database: each test class gets its own PostgreSQL
 * schema (migrated by Flyway) and its own JWT signing key. Annotate the subclass with
 * {@code @MicronautTest(transactional = false)}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(DatabaseAvailable.class) // @ExtendWith is inherited; @EnabledIf on a superclass is not
public abstract class ApiTest implements TestPropertyProvider {
    private Map<String, String> database;

    @Override
    public Map<String, String> getProperties() {
        database = TestDatabase.freshSchema();
        Map<String, String> props = new HashMap<>(database);
        props.put("interlink.jwt.keys", TestKeys.JWKS);
        props.putAll(extraProperties());
        return props;
    }

    /** Override to add or change configuration for one test class. */
    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    @AfterAll
    void dropSchema() {
        if (database != null) {
            TestDatabase.drop(database.get("interlink.test.base-url"), database.get("interlink.test.schema"));
        }
    }

    @SuppressWarnings("unused")
    @Value("${interlink.test.schema}")
    protected String schema;
}
