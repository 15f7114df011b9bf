package dev.interlink.platform.webhook;

import dev.interlink.platform.cli.Cli;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes events (with their deliveries and attempts) older than {@code INTERLINK_WEBHOOKS_RETENTION} (default
 * 30 days) that have nothing left to deliver. Any replica may run it: the DELETE is idempotent.
 */
@Singleton
@Requires(notEnv = Cli.CLI_ENV)
class WebhookPurgeJob {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookPurgeJob.class);

    private final DeliveryRepository deliveries;
    private final WebhookConfig config;
    private final Clock clock;

    WebhookPurgeJob(DeliveryRepository deliveries, WebhookConfig config, Clock clock) {
        this.deliveries = deliveries;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "15m")
    int purge() {
        int n = deliveries.purgeBefore(clock.instant().minus(config.retention()));
        if (n > 0) {
            LOG.info("Purged {} webhook event(s) older than {}", n, config.retention());
        }
        return n;
    }
}
