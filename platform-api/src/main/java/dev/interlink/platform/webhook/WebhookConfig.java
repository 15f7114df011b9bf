package dev.interlink.platform.webhook;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/** The {@code interlink.webhooks.*} settings (documented in application.yml). */
@Singleton
public class WebhookConfig {
    private final boolean workerEnabled;
    private final Duration pollInterval;
    private final int workers;
    private final int perEndpoint;
    private final Duration lease;
    private final Duration timeout;
    private final double jitter;
    private final Duration disableAfter;
    private final Duration previousSecretTtl;
    private final int replayMax;
    private final Duration retention;

    public WebhookConfig(
            @Value("${interlink.webhooks.worker-enabled:true}") boolean workerEnabled,
            @Value("${interlink.webhooks.poll-interval:1s}") Duration pollInterval,
            @Value("${interlink.webhooks.workers:8}") int workers,
            @Value("${interlink.webhooks.per-endpoint-concurrency:4}") int perEndpoint,
            @Value("${interlink.webhooks.lease:60s}") Duration lease,
            @Value("${interlink.webhooks.timeout:15s}") Duration timeout,
            @Value("${interlink.webhooks.retry-jitter:0.1}") double jitter,
            @Value("${interlink.webhooks.disable-after:5d}") Duration disableAfter,
            @Value("${interlink.webhooks.previous-secret-ttl:24h}") Duration previousSecretTtl,
            @Value("${interlink.webhooks.replay-max:10000}") int replayMax,
            @Value("${interlink.webhooks.retention:30d}") Duration retention) {
        this.workerEnabled = workerEnabled;
        this.pollInterval = pollInterval;
        this.workers = Math.max(1, workers);
        this.perEndpoint = Math.max(1, perEndpoint);
        this.lease = lease;
        this.timeout = timeout;
        this.jitter = Math.max(0, Math.min(1, jitter));
        this.disableAfter = disableAfter;
        this.previousSecretTtl = previousSecretTtl;
        this.replayMax = replayMax;
        this.retention = retention;
        if (lease.compareTo(timeout.plusSeconds(5)) < 0) {
            throw new IllegalArgumentException("interlink.webhooks.lease must exceed the timeout by at least 5s");
        }
    }

    public boolean workerEnabled() {
        return workerEnabled;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public int workers() {
        return workers;
    }

    public int perEndpoint() {
        return perEndpoint;
    }

    public Duration lease() {
        return lease;
    }

    public Duration timeout() {
        return timeout;
    }

    public double jitter() {
        return jitter;
    }

    public Duration disableAfter() {
        return disableAfter;
    }

    public Duration previousSecretTtl() {
        return previousSecretTtl;
    }

    public int replayMax() {
        return replayMax;
    }

    public Duration retention() {
        return retention;
    }
}
