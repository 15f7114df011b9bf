package dev.interlink.platform.linking;

import dev.interlink.platform.cli.Cli;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/** Deletes link tokens a day after they expired (consumed ones included). */
@Singleton
@Requires(notEnv = Cli.CLI_ENV)
class LinkTokenPurgeJob {
    private final LinkService links;

    LinkTokenPurgeJob(LinkService links) {
        this.links = links;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "15m")
    void purge() {
        links.purgeExpired();
    }
}
