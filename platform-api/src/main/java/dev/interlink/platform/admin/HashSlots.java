package dev.interlink.platform.admin;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the Argon2 hashes computed at once (each takes ~19 MiB and a core for ~70 ms). Without it, 64 parallel
 * anonymous sign-ins exhausted the heap and starved every tenant's API calls; with it, the excess answers 503 with
 * Retry-After within {@code wait}, and the rest of the API keeps its CPU.
 */
@Singleton
class HashSlots {
    private final Semaphore slots;
    private final long waitMillis;

    HashSlots(
            @Value("${interlink.admin.sign-in.concurrent-hashes:2}") int concurrent,
            @Value("${interlink.admin.sign-in.slot-wait:250ms}") java.time.Duration wait) {
        this.slots = new Semaphore(Math.max(1, concurrent));
        this.waitMillis = wait.toMillis();
    }

    /** A held slot; closing it frees it. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    Slot acquire() {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw ApiProblem.of(ErrorCode.PLATFORM_UNAVAILABLE, "Too many sign-ins at once; retry in a second")
                    .with("retryable", true)
                    .header("Retry-After", "1");
        }
        return slots::release;
    }
}
