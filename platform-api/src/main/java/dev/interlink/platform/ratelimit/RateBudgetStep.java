package dev.interlink.platform.ratelimit;

import dev.interlink.platform.observability.InterlinkMetrics;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.catalog.Catalog;
import dev.interlink.platform.provider.catalog.ProviderDefinition;
import dev.interlink.platform.provider.catalog.RateLimit;
import dev.interlink.platform.provider.http.PipelineOrder;
import dev.interlink.platform.provider.http.ProviderCall;
import dev.interlink.platform.provider.http.RawResponse;
import dev.interlink.platform.provider.http.SendStep;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * Pipeline step of {@code ProviderHttp}: every provider call of an account (unified, proxy, verification)
 * first takes a slot from that account's cluster-wide budget (through this replica's lease of it, {@link RateLeases}), then feeds back what the provider said
 * ({@code X-Rate-Limit-Remaining}, {@code Retry-After} on 429). The last decision is left on the current
 * request for {@link RemoteRateHeadersFilter} to report as {@code X-Remote-RateLimit-*}.
 *
 * <p>A provider that reports as many calls left as our grant said (or more), less what this replica sent while the call
 * was on its way, tells us nothing new: only a lower count (calls we never saw) or a 429 is written back. Without that
 * allowance, 16 concurrent calls of one account made about one needless budget transaction per three calls
 * (docs/benchmarks.md, "Session 10"). Before, every CATS answer ran a second transaction under the
 * account's lock, which halved what one account could do (docs/benchmarks.md, "The hot path").
 */
@Singleton
public class RateBudgetStep implements SendStep {
    public static final String ATTRIBUTE = "interlink.remote_rate";

    private final RateBuckets buckets;
    private final RateLeases leases;
    private final Catalog catalog;
    private final boolean enabled;
    private final InterlinkMetrics metrics;

    /** {@code interlink.rate-limit.outbound-enabled=false} exists for the overhead benchmark only. */
    public RateBudgetStep(
            RateBuckets buckets,
            RateLeases leases,
            Catalog catalog,
            @Value("${interlink.rate-limit.outbound-enabled:true}") boolean enabled,
            InterlinkMetrics metrics) {
        this.metrics = metrics;
        this.buckets = buckets;
        this.leases = leases;
        this.catalog = catalog;
        this.enabled = enabled;
    }

    @Override
    public RawResponse apply(ConnectorContext ctx, ProviderCall call, Next next) {
        Optional<RateLimit> limit = catalog.find(ctx.provider()).map(ProviderDefinition::rateLimit);
        if (!enabled || limit.isEmpty() || ctx.accountId() == null) {
            return next.send(call);
        }
        RatePolicy policy = withSafetyMargin(RatePolicy.of(limit.get()));
        String key = ctx.provider() + ":" + ctx.accountId();
        RateDecision decision = metrics.rateBudget(ctx.provider(), () -> leases.acquire(key, policy));
        long spendsBefore = leases.spends(key);
        ServerRequestContext.currentRequest().ifPresent(r -> r.setAttribute(ATTRIBUTE, decision));
        RawResponse response = next.send(call);
        // calls this replica sent while this one was on its way may be in the provider's count already: not a
        // discrepancy
        long sentMeanwhile = Math.max(0, leases.spends(key) - spendsBefore);
        Integer remaining = integer(header(response, limit.get().remainingHeader()));
        Duration retryAfter = response.status() == 429
                ? retryAfter(header(response, limit.get().retryAfterHeader()))
                : null;
        if (retryAfter != null) {
            leases.drop(key);
        }
        if (retryAfter != null || (remaining != null && remaining < decision.remaining() - sentMeanwhile)) {
            buckets.observe(key, policy, remaining, retryAfter);
        }
        return response;
    }

    @Override
    public int order() {
        return PipelineOrder.RATE_BUDGET;
    }

    /**
     * Our grant and the provider's count happen a network hop apart, so running exactly at the provider's
     * limit would now and then let a call arrive a few milliseconds "early" and earn a 429. A token bucket
     * therefore keeps one token of the provider's burst in reserve (which absorbs up to one refill interval of
     * jitter) and runs 0.5% slower against clock drift; a sliding window keeps its count but holds each call
     * two seconds longer than the provider does.
     */
    static RatePolicy withSafetyMargin(RatePolicy policy) {
        return policy.kind() == RatePolicy.Kind.TOKEN_BUCKET
                ? RatePolicy.tokenBucket(policy.ratePerSecond() * 0.995, Math.max(1, policy.burst() - 1))
                : RatePolicy.slidingWindow(policy.limit(), policy.window().plusSeconds(2));
    }

    private static String header(RawResponse response, String name) {
        return name == null ? null : response.header(name);
    }

    private static Integer integer(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null; // a provider header we cannot read corrects nothing
        }
    }

    /** Retry-After in seconds (RFC 9110 also allows an HTTP date; providers here send seconds). */
    static Duration retryAfter(String value) {
        Integer seconds = integer(value);
        return seconds == null ? Duration.ofSeconds(1) : Duration.ofSeconds(Math.max(0, seconds));
    }
}
