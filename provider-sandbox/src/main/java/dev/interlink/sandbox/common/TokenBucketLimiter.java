package dev.interlink.sandbox.common;

import java.util.LinkedHashMap;
import java.util.Map;

/** Loxo publishes no numbers; the notes recommend a token bucket, 4 req/s burst 10 (docs/providers/loxo.md §3 [INF]). */
public final class TokenBucketLimiter implements RateLimiter {
    private final double ratePerSecond;
    private final int burst;
    private double tokens;
    private long last;

    public TokenBucketLimiter(double ratePerSecond, int burst) {
        if (ratePerSecond <= 0 || burst < 1) throw new ApiException(400, "rate_per_second > 0 and burst >= 1 required");
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.tokens = burst;
        this.last = -1;
    }

    @Override
    public synchronized Decision acquire(long now) {
        if (last >= 0) tokens = Math.min(burst, tokens + (now - last) / 1000.0 * ratePerSecond);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return new Decision(true, burst, (long) Math.floor(tokens), 0);
        }
        long wait = (long) Math.ceil((1 - tokens) / ratePerSecond);
        return new Decision(false, burst, 0, Math.max(1, wait));
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rate_per_second", ratePerSecond);
        m.put("burst", burst);
        return m;
    }
}
