package dev.interlink.platform.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code interlink_outbox_pending} and {@code interlink_outbox_oldest_age_seconds}. The outbox is shared by
 * every replica, so each replica reports the same cluster-wide figure (aggregate with max, not sum). The query
 * runs at most once per {@link #MAX_STALENESS}, so a scrape storm cannot load the database; while the database is
 * down the gauges report NaN instead of a stale number.
 */
@Singleton
public class OutboxGauges implements MeterBinder {
    static final Duration MAX_STALENESS = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(OutboxGauges.class);
    private static final OutboxStats.Snapshot UNKNOWN = new OutboxStats.Snapshot(-1, Double.NaN);

    private final BeanProvider<OutboxStats> stats;
    private final AtomicReference<Read> last = new AtomicReference<>(new Read(UNKNOWN, Long.MIN_VALUE / 2));

    private record Read(OutboxStats.Snapshot snapshot, long atNanos) {}

    /** A provider, not the bean: the registry is built while the datasource (and its pool metrics) is. */
    public OutboxGauges(BeanProvider<OutboxStats> stats) {
        this.stats = stats;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("interlink.outbox.pending", this, g -> depth(g.current()))
                .description("Webhook deliveries not yet delivered (cluster-wide)")
                .register(registry);
        Gauge.builder("interlink.outbox.oldest.age", this, g -> g.current().oldestAgeSeconds())
                .description("Age of the oldest undelivered webhook delivery (cluster-wide)")
                .baseUnit("seconds")
                .register(registry);
    }

    private static double depth(OutboxStats.Snapshot s) {
        return s.depth() < 0 ? Double.NaN : s.depth();
    }

    private OutboxStats.Snapshot current() {
        Read read = last.get();
        long now = System.nanoTime();
        if (now - read.atNanos() < MAX_STALENESS.toNanos()) {
            return read.snapshot();
        }
        OutboxStats.Snapshot snapshot;
        try {
            snapshot = stats.get().read();
        } catch (RuntimeException e) {
            LOG.debug("Outbox gauges unavailable: {}", e.toString());
            snapshot = UNKNOWN;
        }
        last.set(new Read(snapshot, now));
        return snapshot;
    }
}
