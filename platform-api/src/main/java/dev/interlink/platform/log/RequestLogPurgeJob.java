package dev.interlink.platform.log;

import dev.interlink.platform.cli.Cli;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** Deletes log rows older than {@code INTERLINK_LOG_RETENTION} (default 30 days); idempotent on any replica. */
@Singleton
@Requires(notEnv = Cli.CLI_ENV)
public class RequestLogPurgeJob {
    private final RequestLogRepository logs;
    private final Clock clock;
    private final Duration retention;

    RequestLogPurgeJob(
            RequestLogRepository logs, Clock clock, @Value("${interlink.log.retention:30d}") Duration retention) {
        this.logs = logs;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "20m")
    public int purge() {
        return logs.purgeBefore(clock.instant().minus(retention));
    }
}
