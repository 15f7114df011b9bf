package dev.interlink.platform.account;

import dev.interlink.platform.cli.Cli;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hard-deletes accounts soft-deleted more than {@code INTERLINK_ACCOUNTS_PURGE_AFTER} (default 7 days) ago.
 * Their credentials were already wiped at deletion. Any replica may run it: the DELETE is idempotent.
 */
@Singleton
@Requires(notEnv = Cli.CLI_ENV)
class AccountPurgeJob {
    private static final Logger LOG = LoggerFactory.getLogger(AccountPurgeJob.class);

    private final AccountRepository accounts;
    private final Clock clock;
    private final Duration purgeAfter;

    AccountPurgeJob(
            AccountRepository accounts,
            Clock clock,
            @Value("${interlink.accounts.purge-after:7d}") Duration purgeAfter) {
        this.accounts = accounts;
        this.clock = clock;
        this.purgeAfter = purgeAfter;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "10m")
    int purge() {
        int n = accounts.purgeDeleted(clock.instant().minus(purgeAfter));
        if (n > 0) {
            LOG.info("Purged {} deleted integrated account(s)", n);
        }
        return n;
    }
}
