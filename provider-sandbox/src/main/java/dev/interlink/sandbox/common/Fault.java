package dev.interlink.sandbox.common;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** An injected fault: applies with a probability, to the next {@code count} requests or until removed. */
public final class Fault {
    public static final java.util.Set<String> TYPES =
            java.util.Set.of("429", "500", "502", "503", "html500", "hang", "reset", "latency");

    public final String type;
    public final double probability;
    public final AtomicLong remaining; // null = unlimited
    public final long latencyMs;

    public Fault(String type, double probability, Long count, long latencyMs) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (!TYPES.contains(t) && !isStatus(t))
            throw new ApiException(400, "type must be one of " + TYPES + " or status-NNN (any status 100-999)");
        if (probability < 0 || probability > 1) throw new ApiException(400, "probability must be within 0..1");
        this.type = t;
        this.probability = probability;
        this.remaining = count == null ? null : new AtomicLong(count);
        this.latencyMs = latencyMs;
    }

    /** {@code status-NNN}: answer that exact status (520, 499, 218…), as odd gateways do. */
    public static boolean isStatus(String type) {
        return type.matches("status-[1-9][0-9]{2}");
    }

    /** Decides whether this request gets the fault, consuming one of {@code count} if so. */
    public boolean fire() {
        if (probability < 1.0 && ThreadLocalRandom.current().nextDouble() >= probability) return false;
        if (remaining == null) return true;
        return remaining.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0;
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("probability", probability);
        m.put("count", remaining == null ? null : remaining.get());
        m.put("latency_ms", latencyMs);
        return m;
    }
}
