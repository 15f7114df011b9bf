package dev.interlink.sandbox.common;

import java.util.ArrayDeque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trace ids of the last provider requests that carried a W3C {@code traceparent}, so a test can see that a
 * trace started at the caller reached the provider. Bounded: the oldest are dropped.
 */
public final class TraceLog {
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final int KEEP = 1000;

    private final ArrayDeque<String> ids = new ArrayDeque<>();

    public synchronized void record(String traceparent) {
        if (traceparent == null) return;
        Matcher m = TRACEPARENT.matcher(traceparent.trim());
        if (!m.matches()) return;
        if (ids.size() == KEEP) ids.removeFirst();
        ids.addLast(m.group(1));
    }

    public synchronized List<String> traceIds() {
        return List.copyOf(ids);
    }
}
