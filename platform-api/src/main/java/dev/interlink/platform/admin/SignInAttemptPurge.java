package dev.interlink.platform.admin;

import dev.interlink.platform.cli.Cli;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** Forgets throttle rows untouched for a day, so random emails from a flood do not pile up. Idempotent on any replica. */
@Singleton
@Requires(notEnv = Cli.CLI_ENV)
class SignInAttemptPurge {
    private final SignInThrottle throttle;
    private final Clock clock;

    SignInAttemptPurge(SignInThrottle throttle, Clock clock) {
        this.throttle = throttle;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "10m")
    int purge() {
        return throttle.purgeBefore(clock.instant().minus(Duration.ofDays(1)));
    }
}
