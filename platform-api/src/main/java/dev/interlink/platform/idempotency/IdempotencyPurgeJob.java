package dev.interlink.platform.idempotency;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/** Removes expired idempotency records; any replica may run it, the DELETE is naturally idempotent. */
@Singleton
class IdempotencyPurgeJob {
    private final IdempotencyStore store;

    IdempotencyPurgeJob(IdempotencyStore store) {
        this.store = store;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    void purge() {
        store.purgeExpired();
    }
}
