package dev.interlink.platform.changes;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-safe poll schedule, on db-scheduler (docs/decisions/0051-change-detection.md) and the default
 * DataSource. A recurring {@code changes-tick} (one row, so one replica runs each tick) schedules one
 * {@code changes-poll} instance per active account, keyed by the account id: the (task, instance) primary key means
 * an account has at most one poll scheduled or running in the whole cluster, and a poll still running when the next
 * tick comes is not doubled. A replica killed mid-poll stops heartbeating; after
 * {@code missed-heartbeats × heartbeat} another replica revives the execution and the poll runs again (the engine's
 * per-record state makes the rerun emit only what the dead one had not committed).
 *
 * <p>Off with {@code interlink.changes.enabled=false} (most tests): nothing polls, webhooks and own writes still work.
 */
@Singleton
@Requires(property = "interlink.changes.enabled", notEquals = "false")
public class ChangeScheduler implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeScheduler.class);

    private final DataSource dataSource;
    private final AccountPoller poller;
    private final ChangeStore store;
    private final SubscriptionStore subscriptions;
    private final ProviderWebhooks webhooks;
    private final Duration interval;
    private final Duration schedulerPolling;
    private final Duration heartbeat;
    private final int threads;
    private final OneTimeTask<String> pollTask;
    private final RecurringTask<Void> tick;
    private Scheduler scheduler;

    ChangeScheduler(
            DataSource dataSource,
            AccountPoller poller,
            ChangeStore store,
            SubscriptionStore subscriptions,
            ProviderWebhooks webhooks,
            @Value("${interlink.changes.poll-interval:5m}") Duration interval,
            @Value("${interlink.changes.scheduler-polling-interval:5s}") Duration schedulerPolling,
            @Value("${interlink.changes.heartbeat-interval:30s}") Duration heartbeat,
            @Value("${interlink.changes.threads:4}") int threads) {
        // db-scheduler manages its own connections and commits: give it the pool, not the transaction-aware proxy
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.poller = poller;
        this.store = store;
        this.subscriptions = subscriptions;
        this.webhooks = webhooks;
        this.interval = interval;
        this.schedulerPolling = schedulerPolling;
        this.heartbeat = heartbeat;
        this.threads = threads;
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
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (scheduler != null) return;
        scheduler = Scheduler.create(dataSource, pollTask)
                .startTasks(tick)
                .threads(threads)
                .pollingInterval(schedulerPolling)
                .heartbeatInterval(heartbeat)
                // unique per process: two replicas on one host (and two in one test JVM) stay distinguishable
                .schedulerName(
                        new SchedulerName.Fixed(new SchedulerName.Hostname().getName() + "-" + UUID.randomUUID()))
                .shutdownMaxWait(Duration.ofSeconds(10))
                .enableImmediateExecution()
                .build();
        scheduler.start();
        LOG.info("Change detection scheduler started: poll every {}, {} threads", interval, threads);
    }

    @PreDestroy
    synchronized void stop() {
        if (scheduler != null) {
            scheduler.stop();
            scheduler = null;
        }
    }
}
