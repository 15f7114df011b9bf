package dev.interlink.platform.observability;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.flyway.FlywayConfigurationProperties;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.reactivestreams.Publisher;

/**
 * Readiness part two (part one, "the database answers", is Micronaut's JDBC indicator): the schema is current,
 * i.e. Flyway knows no pending migration for this build. With the chart's migration Job a new replica can start
 * before the Job finished; it must not take traffic on an old schema. Once current, a schema stays current for
 * this build (migrations only come with a new build), so the check stops costing a query.
 */
@Singleton
@Readiness
@Requires(beans = FlywayConfigurationProperties.class)
public class SchemaCurrentIndicator implements HealthIndicator {
    static final String NAME = "schema";

    private final FlywayConfigurationProperties flyway;
    private final DataSource dataSource;
    private volatile boolean current;

    public SchemaCurrentIndicator(
            @Named("default") FlywayConfigurationProperties flyway, @Named("default") DataSource dataSource) {
        this.flyway = flyway;
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(check());
    }

    HealthResult check() {
        if (current) {
            return HealthResult.builder(NAME, HealthStatus.UP).build();
        }
        try {
            int pending = Flyway.configure(getClass().getClassLoader())
                    .configuration(flyway.getFluentConfiguration())
                    .dataSource(dataSource)
                    .load()
                    .info()
                    .pending()
                    .length;
            current = pending == 0;
            return HealthResult.builder(NAME, current ? HealthStatus.UP : HealthStatus.DOWN)
                    .details(Map.of("pending_migrations", pending))
                    .build();
        } catch (RuntimeException e) {
            return HealthResult.builder(NAME, HealthStatus.DOWN)
                    .details(Map.of("error", "the schema history could not be read"))
                    .build();
        }
    }
}
