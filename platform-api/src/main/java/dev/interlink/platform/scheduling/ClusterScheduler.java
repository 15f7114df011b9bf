package dev.interlink.platform.scheduling;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one db-scheduler of a replica (docs/decisions/0051-change-detection.md, 0071-imports-on-the-cluster-scheduler.md),
 * on the {@code scheduled_tasks} table of the default DataSource, running every feature's {@link ClusterTasks}: change
 * polls and import runs share its threads, heartbeats and dead-execution revival. Started when the server is up;
 * a replica without any enabled feature starts nothing.
 *
 * <p>{@link #client()} schedules from anywhere (a request handler) whether or not this replica runs the scheduler.
 */
@Singleton
public class ClusterScheduler implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterScheduler.class);

    private final DataSource dataSource;
    private final List<ClusterTasks> features;
    private final Duration polling;
    private final Duration heartbeat;
    private final int threads;
    private final List<Task<?>> tasks = new ArrayList<>();
    private final List<RecurringTask<?>> recurring = new ArrayList<>();
    private final SchedulerClient client;
    private Scheduler scheduler;

    ClusterScheduler(
            DataSource dataSource,
            List<ClusterTasks> features,
            @Value("${interlink.scheduler.polling-interval:5s}") Duration polling,
            @Value("${interlink.scheduler.heartbeat-interval:30s}") Duration heartbeat,
            @Value("${interlink.scheduler.threads:4}") int threads) {
        // db-scheduler manages its own connections and commits: give it the pool, not the transaction-aware proxy
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.features = features;
        this.polling = polling;
        this.heartbeat = heartbeat;
        this.threads = threads;
        for (ClusterTasks f : features) {
            tasks.addAll(f.tasks());
            recurring.addAll(f.recurring());
        }
        List<Task<?>> known = new ArrayList<>(tasks);
        known.addAll(recurring);
        this.client = SchedulerClient.Builder.create(this.dataSource, known).build();
    }

    /** Schedules task instances; the scheduler of whichever replica picks them up runs them. */
    public SchedulerClient client() {
        return client;
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (scheduler != null || features.isEmpty()) return;
        scheduler = Scheduler.create(dataSource, tasks)
                .startTasks(recurring)
                .threads(threads)
                .pollingInterval(polling)
                .heartbeatInterval(heartbeat)
                // unique per process: two replicas on one host (and two in one test JVM) stay distinguishable
                .schedulerName(
                        new SchedulerName.Fixed(new SchedulerName.Hostname().getName() + "-" + UUID.randomUUID()))
                .shutdownMaxWait(Duration.ofSeconds(10))
                .enableImmediateExecution()
                .build();
        scheduler.start();
        LOG.info(
                "Cluster scheduler started: {} tasks, {} recurring, {} threads",
                tasks.size(),
                recurring.size(),
                threads);
    }

    @PreDestroy
    synchronized void stop() {
        if (scheduler != null) {
            scheduler.stop();
            scheduler = null;
        }
    }
}
