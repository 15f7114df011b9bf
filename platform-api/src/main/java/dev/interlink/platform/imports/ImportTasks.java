package dev.interlink.platform.imports;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.interlink.platform.scheduling.ClusterScheduler;
import dev.interlink.platform.scheduling.ClusterTasks;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Import runs on the shared {@link ClusterScheduler} (docs/decisions/0071-imports-on-the-cluster-scheduler.md). Each
 * run is one {@code import-run} instance keyed by the run id, so one replica works on it at a time; a replica killed
 * mid-run stops heartbeating and another revives the instance, which reads on from the run's last committed page. A
 * run waiting for the provider budget is rescheduled rather than holding a thread. The recurring {@code imports-tick}
 * queues the runs of due schedules and gives every queued run its instance (one queued by a request whose replica
 * died before scheduling it, too).
 *
 * <p>Off with {@code interlink.imports.enabled=false} (most tests): definitions and exports work, nothing runs.
 */
@Singleton
@Requires(property = "interlink.imports.enabled", notEquals = "false")
class ImportTasks implements ClusterTasks, RunStarter {
    private static final Logger LOG = LoggerFactory.getLogger(ImportTasks.class);

    private final DueRuns due;
    private final RunRepository runs;
    // lazily: the scheduler collects this bean's tasks when it is built
    private final BeanProvider<ClusterScheduler> scheduler;
    private final Clock clock;
    private final CustomTask<String> runTask;
    private final RecurringTask<Void> tick;

    ImportTasks(
            ImportRunner runner,
            DueRuns due,
            RunRepository runs,
            BeanProvider<ClusterScheduler> scheduler,
            Clock clock,
            @Value("${interlink.imports.tick-interval:30s}") Duration tickInterval) {
        this.due = due;
        this.runs = runs;
        this.scheduler = scheduler;
        this.clock = clock;
        // instance id = run id, data = its tenant
        this.runTask = Tasks.custom("import-run", String.class)
                .onDeadExecutionRevive()
                .execute((instance, ctx) -> {
                    ImportRunner.Outcome outcome = runner.run(UUID.fromString(instance.getId()));
                    if (outcome.waitUntil() == null) return new CompletionHandler.OnCompleteRemove<>();
                    return (complete, ops) -> ops.reschedule(complete, outcome.waitUntil());
                });
        this.tick = Tasks.recurring("imports-tick", FixedDelay.of(tickInterval)).execute((instance, ctx) -> tick());
    }

    @Override
    public java.util.List<Task<?>> tasks() {
        return java.util.List.of(runTask);
    }

    @Override
    public java.util.List<RecurringTask<?>> recurring() {
        return java.util.List.of(tick);
    }

    /** Runs a queued run as soon as a scheduler thread is free (this replica's or another's). */
    @Override
    public void start(ImportRun run) {
        scheduler
                .get()
                .client()
                .scheduleIfNotExists(
                        runTask.instance(run.id().toString(), run.tenantId().toString()), clock.instant());
    }

    void tick() {
        int queued = due.queue(clock.instant());
        for (ImportRun r : runs.queued(500)) start(r);
        if (queued > 0) LOG.debug("imports-tick queued {} scheduled runs", queued);
    }
}
