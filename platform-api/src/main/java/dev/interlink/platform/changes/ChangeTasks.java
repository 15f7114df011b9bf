package dev.interlink.platform.changes;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.interlink.platform.scheduling.ClusterScheduler;
import dev.interlink.platform.scheduling.ClusterTasks;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-safe poll schedule, on the shared {@link ClusterScheduler} (docs/decisions/0051-change-detection.md). A
 * recurring {@code changes-tick} (one row, so one replica runs each tick) schedules one {@code changes-poll} instance
 * per active account, keyed by the account id: the (task, instance) primary key means an account has at most one poll
 * scheduled or running in the whole cluster, and a poll still running when the next tick comes is not doubled. A
 * replica killed mid-poll stops heartbeating; after {@code missed-heartbeats × heartbeat} another replica revives the
 * execution and the poll runs again (the engine's per-record state makes the rerun emit only what the dead one had not
 * committed).
 *
 * <p>Off with {@code interlink.changes.enabled=false} (most tests): nothing polls, webhooks and own writes still work.
 */
@Singleton
@Requires(property = "interlink.changes.enabled", notEquals = "false")
public class ChangeTasks implements ClusterTasks {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeTasks.class);

    private final AccountPoller poller;
    private final ProviderWebhooks webhooks;
    private final OneTimeTask<String> pollTask;
    private final RecurringTask<Void> tick;

    ChangeTasks(
            AccountPoller poller,
            ChangeStore store,
            SubscriptionStore subscriptions,
            ProviderWebhooks webhooks,
            @Value("${interlink.changes.poll-interval:5m}") Duration interval) {
        this.poller = poller;
        this.webhooks = webhooks;
        // instance id = account id, data = its tenant: the primary key (task, instance) is the per-account lock
        this.pollTask = Tasks.oneTime("changes-poll", String.class)
                .onDeadExecutionRevive()
                .execute((instance, ctx) ->
                        poll(UUID.fromString(instance.getData()), UUID.fromString(instance.getId())));
        this.tick = Tasks.recurring("changes-tick", FixedDelay.of(interval)).execute((instance, ctx) -> {
            Instant now = Instant.now();
            int scheduled = 0;
            for (ChangeStore.Account a : store.activeAccounts()) {
                if (ctx.getSchedulerClient()
                        .scheduleIfNotExists(
                                pollTask.instance(
                                        a.id().toString(), a.tenantId().toString()),
                                now)) {
                    scheduled++;
                }
            }
            store.purgeRuns(now.minus(Duration.ofDays(7)));
            subscriptions.purgeDeliveries(now.minus(Duration.ofDays(7)));
            LOG.debug("changes-tick scheduled {} polls", scheduled);
        });
    }

    private void poll(UUID tenantId, UUID accountId) {
        webhooks.reconcile(tenantId, accountId);
        PollRun run = poller.poll(tenantId, accountId);
        if (run != null && LOG.isDebugEnabled()) {
            LOG.debug(
                    "Polled account {}: {} calls of {} (reserve {}), {} events, {}",
                    accountId,
                    run.calls(),
                    run.budgetLimit(),
                    run.reserved(),
                    run.events(),
                    run.outcome());
        }
    }

    @Override
    public List<Task<?>> tasks() {
        return List.of(pollTask);
    }

    @Override
    public List<RecurringTask<?>> recurring() {
        return List.of(tick);
    }
}
