package dev.interlink.platform.ratelimit;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.auth.AuthFilter;
import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.Problems;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Protects the platform from one tenant's flood: a token bucket per tenant (default 100 req/s, burst 200), shared
 * by all its API clients and admin sessions, so minting more clients buys no more capacity. Answered with 429 +
 * Retry-After, and {@code RateLimit-*} headers on every authenticated response.
 *
 * <p>Kept in memory per replica on purpose: it guards this process's capacity and needs no database round trip on
 * the hot path (the cluster-wide budgets that must be exact are the outbound ones). Behind a load balancer a
 * tenant's cluster-wide limit is therefore the configured rate times the replicas (docs/security.md).
 */
@ServerFilter(value = "/**", patternStyle = FilterPatternStyle.ANT)
public class InboundRateLimitFilter implements Ordered {
    private static final String STATE = "interlink.inbound_rate";

    private final double perSecond;
    private final int burst;
    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    public InboundRateLimitFilter(
            @Value("${interlink.inbound-rate.per-second:100}") double perSecond,
            @Value("${interlink.inbound-rate.burst:200}") int burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 200; // after AuthFilter, which provides the principal
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> limit(HttpRequest<?> request) {
        Principal principal =
                request.getAttribute(AuthFilter.PRINCIPAL, Principal.class).orElse(null);
        if (principal == null) {
            return null;
        }
        Bucket bucket = buckets.computeIfAbsent(principal.tenantId(), k -> new Bucket(burst, System.nanoTime()));
        Taken taken = bucket.take(perSecond, burst);
        request.setAttribute(STATE, taken);
        if (!taken.allowed()) {
            MutableHttpResponse<?> response = Problems.response(ApiProblem.of(
                            ErrorCode.PLATFORM_RATE_LIMIT_EXCEEDED,
                            "This tenant's clients sent more than " + (int) perSecond
                                    + " requests per second to this replica")
                    .with("retryable", true)
                    .header("Retry-After", Long.toString(taken.resetSeconds())));
            return headers(response, taken);
        }
        return null;
    }

    @ResponseFilter
    public void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(STATE, Taken.class).ifPresent(taken -> headers(response, taken));
    }

    private MutableHttpResponse<?> headers(MutableHttpResponse<?> response, Taken taken) {
        return response.header("RateLimit-Limit", Integer.toString(burst))
                .header("RateLimit-Remaining", Integer.toString(taken.remaining()))
                .header("RateLimit-Reset", Long.toString(taken.resetSeconds()));
    }

    record Taken(boolean allowed, int remaining, long resetSeconds) {}

    private static final class Bucket {
        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        synchronized Taken take(double perSecond, int burst) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - at) / 1e9 * perSecond);
            at = now;
            boolean allowed = tokens >= 1;
            if (allowed) {
                tokens -= 1;
            }
            long reset = (long) Math.ceil(allowed ? (burst - tokens) / perSecond : (1 - tokens) / perSecond);
            return new Taken(allowed, (int) Math.floor(tokens), Math.max(1, reset));
        }
    }
}
