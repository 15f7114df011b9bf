package dev.interlink.platform.provider.http;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.catalog.Catalog;
import dev.interlink.platform.provider.catalog.ProviderDefinition;
import dev.interlink.platform.provider.catalog.RetryRules;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Pipeline step: retries a provider call when that is safe and useful. The rules are a table:
 *
 * <pre>
 * outcome                          idempotent call*            other writes
 * 429                              retry after Retry-After      retry after Retry-After: nothing was done
 *                                  (if within max_backoff)      (if within max_backoff)
 * 502 / 503 / 504 (catalog list)   retry, backoff + jitter      never (the write may have happened)
 * connection refused / reset       retry, backoff + jitter      never
 * timeout                          retry if time budget allows  never
 * anything else                    no retry                     no retry
 * </pre>
 *
 * *GET, HEAD, OPTIONS, PUT, DELETE, or a call carrying an {@code Idempotency-Key}. Attempts are bounded by the
 * catalog's {@code max_attempts}, and all attempts together by {@code interlink.retry.max-total} (default 10 s), so a
 * retried call never hangs the caller.
 */
@Singleton
public class RetryStep implements SendStep {
    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    private final Function<String, Optional<RetryRules>> rules;
    private final Duration maxTotal;
    private final Sleeper sleeper;

    /** Sleeps between attempts; tests replace it. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d);
    }

    @Inject
    public RetryStep(Catalog catalog, @Value("${interlink.retry.max-total:10s}") Duration maxTotal) {
        this(id -> catalog.find(id).map(ProviderDefinition::retry), maxTotal, RetryStep::sleep);
    }

    public RetryStep(Function<String, Optional<RetryRules>> rules, Duration maxTotal, Sleeper sleeper) {
        this.rules = rules;
        this.maxTotal = maxTotal;
        this.sleeper = sleeper;
    }

    @Override
    public RawResponse apply(ConnectorContext ctx, ProviderCall call, Next next) {
        RetryRules r = rules.apply(ctx.provider()).orElse(null);
        if (r == null || r.maxAttempts() <= 1) {
            return next.send(call);
        }
        boolean idempotent = IDEMPOTENT_METHODS.contains(call.method())
                || call.headers().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Idempotency-Key"));
        long deadline = System.nanoTime() + maxTotal.toNanos();
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= r.maxAttempts();
            RawResponse response;
            try {
                response = next.send(call);
            } catch (ApiProblem problem) {
                boolean transport = problem.code() == ErrorCode.REMOTE_SERVICE_UNAVAILABLE
                        || problem.code() == ErrorCode.REMOTE_TIMEOUT;
                Duration wait = backoff(r, attempt);
                if (!transport || !idempotent || last || !fits(deadline, wait, call.timeout(), problem)) {
                    throw problem;
                }
                sleeper.sleep(wait);
                continue;
            }
            int status = response.status();
            boolean retryable = r.onStatus().contains(status) && (idempotent || status == 429);
            if (!retryable || last) {
                return response;
            }
            Duration wait = status == 429 && r.honorRetryAfter() ? retryAfter(response) : backoff(r, attempt);
            if (wait.compareTo(r.maxBackoff()) > 0 || System.nanoTime() + wait.toNanos() > deadline) {
                // not worth waiting (retrying earlier than the provider asked only earns another 429):
                // the caller sees the provider's answer now, with its Retry-After
                return response;
            }
            response.close();
            sleeper.sleep(wait);
        }
    }

    @Override
    public int order() {
        return PipelineOrder.RETRY;
    }

    /** A transport retry is only worth it if another full attempt can still finish in the time budget. */
    private static boolean fits(long deadline, Duration wait, Duration attemptTimeout, ApiProblem problem) {
        Duration attempt = problem.code() == ErrorCode.REMOTE_TIMEOUT ? attemptTimeout : Duration.ZERO;
        return System.nanoTime() + wait.toNanos() + attempt.toNanos() <= deadline;
    }

    static Duration backoff(RetryRules r, int attempt) {
        long base = r.initialBackoff().toMillis() << Math.min(attempt - 1, 16);
        long capped = Math.min(base, r.maxBackoff().toMillis());
        // full jitter over the upper half: spreads replicas apart without ever retrying immediately
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private static Duration retryAfter(RawResponse response) {
        String value = response.header("Retry-After");
        long seconds;
        try {
            seconds = value == null ? 1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            seconds = 1;
        }
        return Duration.ofSeconds(Math.max(0, seconds));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between retries", e);
        }
    }
}
