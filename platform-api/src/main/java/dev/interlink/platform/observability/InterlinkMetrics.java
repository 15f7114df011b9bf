package dev.interlink.platform.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every series of our own, in one place, so that the call sites stay one line each and every label is bounded:
 * labels are provider ids from the catalog, route templates, HTTP methods, status codes and small fixed outcome
 * sets, never tenant or account ids, raw paths, URLs or anything a caller chose. Names are Prometheus-style
 * after Micrometer's conversion ({@code interlink.provider.requests} becomes
 * {@code interlink_provider_requests_seconds_*}); docs/observability.md lists them.
 */
@Singleton
public class InterlinkMetrics {
    /** Latency buckets (seconds) shared by every timer: enough for a p50/p95/p99 estimate, few series. */
    static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)
    };

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final MeterRegistry registry;

    public InterlinkMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Metrics that go nowhere, for pipelines built outside the application context (connector tests). */
    public static InterlinkMetrics detached() {
        return new InterlinkMetrics(new SimpleMeterRegistry());
    }

    /** One inbound request: total time per route template, and our own share (total minus provider time). */
    public void httpRequest(String method, String route, int status, long totalNanos, long providerNanos) {
        String m = method(method);
        timer(
                        "interlink.http.server.requests",
                        "Inbound requests by route template",
                        "method",
                        m,
                        "route",
                        route,
                        "status",
                        Integer.toString(status))
                .record(Duration.ofNanos(totalNanos));
        timer(
                        "interlink.http.server.own",
                        "Inbound request time spent outside provider calls",
                        "method",
                        m,
                        "route",
                        route)
                .record(Duration.ofNanos(Math.max(0, totalNanos - providerNanos)));
    }

    /** One attempt at a provider (what the provider cost us); outcome is a status class, 429 or "error". */
    public void providerCall(String provider, Integer status, long nanos) {
        timer(
                        "interlink.provider.requests",
                        "Outbound provider calls (provider time)",
                        "provider",
                        label(provider),
                        "outcome",
                        outcome(status))
                .record(Duration.ofNanos(nanos));
    }

    /**
     * Takes a slot of a rate budget through {@code acquire}: the time spent (waiting for a slot included) goes to
     * {@code interlink.rate_budget.wait}, a refusal (the call throws) to {@code interlink.rate_budget.refusals}.
     */
    public <T> T rateBudget(String provider, Supplier<T> acquire) {
        long start = System.nanoTime();
        try {
            T granted = acquire.get();
            timer("interlink.rate_budget.wait", "Time to get a rate-budget slot", "provider", label(provider))
                    .record(Duration.ofNanos(System.nanoTime() - start));
            return granted;
        } catch (RuntimeException refused) {
            counter("interlink.rate_budget.refusals", "Calls refused by the rate budget", "provider", label(provider))
                    .increment();
            throw refused;
        }
    }

    /** An OAuth 2.0 refresh that reached the provider's token endpoint; outcome issued, rejected or unavailable. */
    public void tokenRefresh(String provider, String outcome) {
        counter(
                        "interlink.token.refreshes",
                        "OAuth token refreshes at the provider",
                        "provider",
                        label(provider),
                        "outcome",
                        outcome)
                .increment();
    }

    /**
     * Bearer token checks of one outcome: accepted, refused, or refused_again (from the short cache of refusals).
     * Returned for the caller to keep, since it counts every request.
     */
    public Counter tokenChecks(String outcome) {
        return counter("interlink.auth.token.checks", "Bearer token checks by outcome", "outcome", outcome);
    }

    /** One webhook delivery attempt; outcome is succeeded, gone, http_4xx, http_5xx or network. */
    public void webhookAttempt(boolean success, Integer status, long millis) {
        String outcome = success
                ? "succeeded"
                : status == null ? "network" : status == 410 ? "gone" : status < 500 ? "http_4xx" : "http_5xx";
        timer("interlink.webhook.attempts", "Webhook delivery attempts by outcome", "outcome", outcome)
                .record(Duration.ofMillis(millis));
    }

    /**
     * Hook for bulk imports: one finished run per call ({@code outcome} from a small fixed set such as
     * succeeded, failed, cancelled).
     */
    public void importRun(String provider, String outcome, Duration took) {
        timer("interlink.import.runs", "Import runs by outcome", "provider", label(provider), "outcome", outcome)
                .record(took);
    }

    private Timer timer(String name, String help, String... tags) {
        return Timer.builder(name)
                .description(help)
                .tags(tags)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    private Counter counter(String name, String help, String... tags) {
        return Counter.builder(name).description(help).tags(tags).register(registry);
    }

    static String method(String method) {
        return METHODS.contains(method) ? method : "OTHER";
    }

    /** Provider ids are catalog ids; anything else (never expected) collapses into one value. */
    static String label(String provider) {
        return provider != null && provider.matches("[a-z0-9_-]{1,32}") ? provider : "other";
    }

    static String outcome(Integer status) {
        if (status == null) {
            return "error";
        }
        return status == 429 ? "429" : (status / 100) + "xx";
    }
}
