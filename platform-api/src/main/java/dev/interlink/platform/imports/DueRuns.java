package dev.interlink.platform.imports;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;

/**
 * Queues the runs of due schedules. The due imports are locked (skip locked) and their next time moved in the same
 * transaction, so two replicas' ticks never queue one slot twice; the slot is also unique per import in import_run.
 * A slot whose import still has a run going is skipped, not stacked behind it.
 */
@Singleton
class DueRuns {
    private final ImportRepository imports;
    private final RunRepository runs;

    DueRuns(ImportRepository imports, RunRepository runs) {
        this.imports = imports;
        this.runs = runs;
    }

    @Transactional
    int queue(Instant now) {
        int queued = 0;
        for (ImportDefinition d : imports.lockDue(now, 100)) {
            if (runs.queue(UUID.randomUUID(), d.tenantId(), d.id(), "schedule", d.nextRunAt(), now)) queued++;
            imports.setNextRun(
                    d.id(), d.schedule() == null ? null : d.schedule().next(now));
        }
        return queued;
    }
}
