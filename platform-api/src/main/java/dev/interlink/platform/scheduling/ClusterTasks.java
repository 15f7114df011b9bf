package dev.interlink.platform.scheduling;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.util.List;

/**
 * A feature's work on the shared {@link ClusterScheduler}: the tasks whose instances it schedules (each instance runs
 * on one replica at a time, and is revived elsewhere when that replica dies) and the recurring ticks started with the
 * scheduler (one row each, so one replica runs each tick).
 */
public interface ClusterTasks {
    List<Task<?>> tasks();

    List<RecurringTask<?>> recurring();
}
