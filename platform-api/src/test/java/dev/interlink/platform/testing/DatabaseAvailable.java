package dev.interlink.platform.testing;

import java.sql.DriverManager;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Decides, before Micronaut starts, whether database tests can run: with {@code TEST_JDBC_URL} they use that
 * server, otherwise Testcontainers (needs Docker). When neither works they are skipped locally, but in CI
 * ({@code CI=true}) they fail instead: a green build must never hide untested database code.
 */
public class DatabaseAvailable implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String url = System.getenv("TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            try (var ignored = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password())) {
                return ConditionEvaluationResult.enabled("TEST_JDBC_URL reachable");
            } catch (Exception e) {
                throw new IllegalStateException(
                        "TEST_JDBC_URL is set but the database is unreachable: " + e.getMessage());
            }
        }
        if (dockerAvailable()) {
            return ConditionEvaluationResult.enabled("Docker available for Testcontainers");
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but no database: set TEST_JDBC_URL or provide Docker");
        }
        return ConditionEvaluationResult.disabled("No TEST_JDBC_URL and no Docker: database tests skipped");
    }

    private static boolean dockerAvailable() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }
}
