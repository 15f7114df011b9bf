package dev.interlink.sandbox.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sandbox's notion of "now" for expiry decisions (OAuth codes, tokens, refresh-token lifetimes): wall clock
 * plus an offset that tests move forward ({@code POST /_sandbox/clock}) instead of sleeping for days.
 */
public final class SandboxClock {
    private volatile long offsetMillis;

    public long millis() {
        return System.currentTimeMillis() + offsetMillis;
    }

    public synchronized void advance(long millis) {
        if (millis < 0) throw new ApiException(400, "the clock only moves forward");
        offsetMillis += millis;
    }

    public void reset() {
        offsetMillis = 0;
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("now_ms", millis());
        m.put("offset_ms", offsetMillis);
        return m;
    }
}
