package dev.interlink.platform.changes;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory token buckets for the public inbound route, per replica (like the tenant API's inbound limit): one per
 * path token (a flood on one URL does not starve the others) and one for the route, which also bounds how fast
 * random tokens can be tried. The per-token map is cleared when it grows past 10,000 entries (random tokens).
 */
@Singleton
class InboundLimiter {
    private final double perTokenRate;
    private final double routeRate;
    private final Map<String, Bucket> perToken = new ConcurrentHashMap<>();
    private final Bucket route;

    InboundLimiter(
            @Value("${interlink.changes.inbound-rate.per-token:20}") double perTokenRate,
            @Value("${interlink.changes.inbound-rate.total:200}") double routeRate) {
        this.perTokenRate = perTokenRate;
        this.routeRate = routeRate;
        this.route = new Bucket(routeRate * 2);
    }

    boolean allow(String token) {
        if (perToken.size() > 10_000) perToken.clear();
        Bucket b = perToken.computeIfAbsent(token, k -> new Bucket(perTokenRate * 2));
        return route.take(routeRate) && b.take(perTokenRate);
    }

    private static final class Bucket {
        private final double burst;
        private double tokens;
        private long at = System.nanoTime();

        Bucket(double burst) {
            this.burst = burst;
            this.tokens = burst;
        }

        synchronized boolean take(double rate) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + rate * (now - at) / 1e9);
            at = now;
            if (tokens < 1) return false;
            tokens -= 1;
            return true;
        }
    }
}
