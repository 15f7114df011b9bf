package dev.interlink.platform.webhook;

import dev.interlink.platform.cli.Cli;
import dev.interlink.platform.observability.InterlinkMetrics;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox. Every replica runs one: a poller claims due deliveries (short transaction, lease, SKIP
 * LOCKED, per-endpoint cap) for as many free slots as its bounded pool has, and the pool sends them, each outside
 * any transaction, then records the outcome in another short transaction. A replica killed mid-send leaves a
 * lease that expires; another replica then retries with the same {@code webhook-id}.
 */
@Singleton
@Requires(notEnv = Cli.CLI_ENV)
@Requires(property = "interlink.webhooks.worker-enabled", notEquals = "false")
public class DeliveryWorker implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    public static final String USER_AGENT = "Interlink-Webhooks/1.0";

    private final DeliveryRepository deliveries;
    private final EndpointRepository endpoints;
    private final WebhookSecrets secrets;
    private final WebhookSender sender;
    private final InterlinkMetrics metrics;
    private final WebhookConfig config;
    private final Clock clock;
    private final TransactionOperations<Connection> tx;
    private final String workerId;
    private static final int MAX_ROUNDS = 100;
    private static final int STOP_GRACE_SECONDS = 2;
    private final Semaphore slots;
    private ScheduledExecutorService poller;
    private ExecutorService pool;

    public DeliveryWorker(
            DeliveryRepository deliveries,
            EndpointRepository endpoints,
            WebhookSecrets secrets,
            WebhookSender sender,
            WebhookConfig config,
            Clock clock,
            TransactionOperations<Connection> tx,
            InterlinkMetrics metrics) {
        this.metrics = metrics;
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.secrets = secrets;
        this.sender = sender;
        this.config = config;
        this.clock = clock;
        this.tx = tx;
        this.slots = new Semaphore(config.workers());
        this.workerId = ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (poller != null) {
            return;
        }
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(config.workers(), r -> daemon(r, "webhook-send-" + n.incrementAndGet()));
        poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "webhook-poll"));
        long every = config.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::pollSafely, every, every, TimeUnit.MILLISECONDS);
        LOG.info(
                "Webhook delivery worker {} started (poll every {} ms, {} senders)", workerId, every, config.workers());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Stops claiming, gives in-flight sends a short grace to finish and record, then abandons the rest: their
     * leases expire and another replica sends them again (same webhook-id).
     */
    @PreDestroy
    public synchronized void stop() {
        if (poller == null) {
            return;
        }
        poller.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    public String workerId() {
        return workerId;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping
        } catch (RuntimeException e) {
            LOG.warn("Webhook poll failed, retrying next interval: {}", e.toString());
        }
    }

    /**
     * One round: claim for the free sender slots and hand each claim to the pool; while whole batches come back
     * (a backlog), claim again as soon as slots free up instead of waiting for the next interval. Returns how many
     * were claimed.
     */
    int poll() throws InterruptedException {
        int total = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int free = slots.availablePermits();
            if (free == 0) {
                if (!slots.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
                slots.release();
                continue;
            }
            List<DeliveryRepository.Claim> claims =
                    deliveries.claim(now(), free, config.perEndpoint(), config.lease(), workerId);
            for (DeliveryRepository.Claim claim : claims) {
                slots.acquire(); // only this thread acquires, and there were `free` permits
                try {
                    pool.execute(() -> {
                        try {
                            deliver(claim);
                        } catch (RuntimeException e) {
                            // the lease expires and a later round (here or on another replica) tries again
                            LOG.warn("Webhook delivery {} could not be recorded: {}", claim.id(), e.toString());
                        } finally {
                            slots.release();
                        }
                    });
                } catch (RuntimeException rejected) {
                    slots.release();
                }
            }
            total += claims.size();
            if (claims.size() < free) {
                break; // nothing more is due (or every due endpoint is at its cap)
            }
        }
        return total;
    }

    void deliver(DeliveryRepository.Claim claim) {
        Optional<WebhookEndpoint> found = endpoints.findById(claim.endpointId());
        if (found.isEmpty() || !found.get().active()) {
            deliveries.release(claim.id(), workerId);
            return;
        }
        WebhookEndpoint endpoint = found.get();
        Instant attemptedAt = now();
        long timestamp = attemptedAt.getEpochSecond();
        byte[] body = WebhookBody.of(claim.eventType(), claim.eventCreatedAt(), claim.payload());
        List<String> signing =
                secrets.signing(claim.tenantId(), endpoint.id(), endpoint.previousSecretExpiresAt(), attemptedAt);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", claim.eventId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSigner.header(signing, claim.eventId(), timestamp, body));
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", USER_AGENT);

        WebhookSender.Result result = sender.send(endpoint.url(), headers, body);
        metrics.webhookAttempt(result.success(), result.status(), result.durationMs());
        // outcome, endpoint health and a possible auto-disable commit together, in one short transaction
        tx.executeWrite(status -> {
            record(claim, endpoint, attemptedAt, result, headers);
            return null;
        });
    }

    private void record(
            DeliveryRepository.Claim claim,
            WebhookEndpoint endpoint,
            Instant attemptedAt,
            WebhookSender.Result result,
            Map<String, String> headers) {
        Instant now = now();
        String status;
        Instant next = null;
        boolean gone = result.status() != null && result.status() == 410;
        if (result.success()) {
            status = Delivery.SUCCEEDED;
        } else {
            Duration delay = gone ? null : RetrySchedule.after(claim.attempt(), config.jitter());
            status = delay == null ? Delivery.FAILED : Delivery.PENDING;
            next = delay == null ? null : now.plus(delay);
        }
        if (!deliveries.complete(claim, workerId, attemptedAt, result, headers, status, next, now)) {
            return; // our lease expired and another replica took over: its outcome counts
        }
        if (result.success()) {
            endpoints.recordSuccess(endpoint.id());
            return;
        }
        if (gone) {
            disable(endpoint, "The endpoint answered 410 Gone", now);
            return;
        }
        Instant failingSince =
                endpoints.recordFailure(endpoint.id(), attemptedAt).orElse(attemptedAt);
        if (!failingSince.isAfter(now.minus(config.disableAfter()))) {
            disable(
                    endpoint,
                    "Every attempt failed since " + failingSince.truncatedTo(ChronoUnit.SECONDS) + " ("
                            + config.disableAfter().toDays() + " days)",
                    now);
        }
    }

    private void disable(WebhookEndpoint endpoint, String reason, Instant now) {
        if (endpoints.setStatus(endpoint.id(), WebhookEndpoint.DISABLED, reason, now)) {
            LOG.warn("Webhook endpoint {} disabled (tenant {}): {}", endpoint.id(), endpoint.tenantId(), reason);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
