package dev.interlink.platform.log;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes request-log rows off the request path: {@link #enqueue} only offers to a bounded queue (full = the
 * row is dropped and counted, never blocking a request); one background thread inserts batches. Once a row
 * arrives the thread gathers more for up to {@code interlink.log.linger-ms} (5 ms) before the insert: without it a
 * replica serving a few hundred calls a second wrote one row per transaction, about one PostgreSQL round trip per
 * call (docs/benchmarks.md, "The hot path"). {@link #flush()} writes everything queued now (tests, shutdown).
 */
@Singleton
public class RequestLogWriter {
    private static final Logger LOG = LoggerFactory.getLogger(RequestLogWriter.class);

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> tx;
    private final BlockingQueue<RequestLogEntry> queue;
    private final int batchSize;
    private final long lingerNanos;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;
    private volatile boolean running = true;

    public RequestLogWriter(
            JdbcOperations jdbc,
            TransactionOperations<Connection> tx,
            @Value("${interlink.log.queue-capacity:10000}") int capacity,
            @Value("${interlink.log.batch-size:500}") int batchSize,
            @Value("${interlink.log.linger-ms:5}") long lingerMs) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(lingerMs);
        this.worker = new Thread(this::run, "request-log-writer");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Never blocks: a full queue drops the row and counts it. */
    public void enqueue(RequestLogEntry entry) {
        if (!queue.offer(entry)) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.warn("Request log queue full: {} row(s) dropped so far", n);
            }
        }
    }

    /** Rows dropped because the queue was full, since startup. */
    public long dropped() {
        return dropped.get();
    }

    /** Writes every row queued so far, on the calling thread. */
    public synchronized void flush() {
        List<RequestLogEntry> batch = new ArrayList<>();
        while (queue.drainTo(batch, batchSize) > 0) {
            write(batch);
            batch.clear();
        }
    }

    private void run() {
        while (running) {
            try {
                RequestLogEntry first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first != null) {
                    synchronized (this) {
                        write(gather(first));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Request log batch not written: {}", e.getClass().getSimpleName());
            }
        }
    }

    /** The first row and what else arrives within the linger time, up to a batch. */
    private List<RequestLogEntry> gather(RequestLogEntry first) {
        List<RequestLogEntry> batch = new ArrayList<>();
        batch.add(first);
        long deadline = System.nanoTime() + lingerNanos;
        while (true) {
            queue.drainTo(batch, batchSize - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= batchSize || left <= 0) return batch;
            try {
                RequestLogEntry next = queue.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) return batch;
                batch.add(next);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // shutting down: write what was gathered, then stop
                return batch;
            }
        }
    }

    private void write(List<RequestLogEntry> batch) {
        if (batch.isEmpty()) {
            return;
        }
        tx.executeWrite(status -> jdbc.prepareStatement(
                """
                insert into request_log (tenant_id, api_client_id, account_id, method, route, status, duration_ms,
                  remote_duration_ms, request_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                ps -> {
                    for (RequestLogEntry e : batch) {
                        ps.setObject(1, e.tenantId());
                        ps.setObject(2, e.apiClientId());
                        ps.setObject(3, e.accountId());
                        ps.setString(4, e.method());
                        ps.setString(5, e.route());
                        ps.setInt(6, e.status());
                        ps.setInt(7, (int) Math.min(Integer.MAX_VALUE, e.durationMs()));
                        if (e.remoteDurationMs() == null) {
                            ps.setNull(8, Types.INTEGER);
                        } else {
                            ps.setInt(8, (int) Math.min(Integer.MAX_VALUE, e.remoteDurationMs()));
                        }
                        ps.setString(9, e.requestId());
                        ps.setTimestamp(10, Timestamp.from(e.createdAt()));
                        ps.addBatch();
                    }
                    return ps.executeBatch();
                }));
    }

    @PreDestroy
    void stop() {
        running = false;
        worker.interrupt();
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("Request log rows lost at shutdown: {}", e.getClass().getSimpleName());
        }
    }
}
