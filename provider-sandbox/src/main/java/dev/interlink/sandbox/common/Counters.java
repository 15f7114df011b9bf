package dev.interlink.sandbox.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Request counters per account, by status and by "METHOD /template" route (control API). */
public final class Counters {
    private final LongAdder requests = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> byRoute = new ConcurrentHashMap<>();

    public void record(String route, String status) {
        requests.increment();
        byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
        if (route != null) byRoute.computeIfAbsent(route, k -> new LongAdder()).increment();
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", requests.sum());
        Map<String, Long> s = new TreeMap<>();
        byStatus.forEach((k, v) -> s.put(k, v.sum()));
        Map<String, Long> r = new TreeMap<>();
        byRoute.forEach((k, v) -> r.put(k, v.sum()));
        m.put("by_status", s);
        m.put("by_route", r);
        return m;
    }

    public void reset() {
        requests.reset();
        byStatus.clear();
        byRoute.clear();
    }
}
