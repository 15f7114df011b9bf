package dev.interlink.admin.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Adapts the API's cursor pagination (newest first) to a grid's offset/limit fetches: pages are fetched forward
 * and kept, so scrolling through thousands of rows calls the API once per page. A new filter needs a new pager.
 *
 * <p>Two things the API does not do are done here: a row filter {@code keep} (the accounts screen's free-text
 * search, applied to each page read; more pages are read until the grid's window is full), and the reverse
 * order (oldest first), which reads every page up to {@link #MAX_REVERSED} rows and serves them backwards.
 */
public final class CursorPager<T> {
    /** The most rows read for an oldest-first view (the API only lists newest first). */
    public static final int MAX_REVERSED = 20_000;

    /** One call of the API: the page after {@code cursor} (null for the first page). */
    public interface Fetch<T> {
        Dtos.Page<T> page(String cursor, int limit);
    }

    private final Fetch<T> fetch;
    private final int pageSize;
    private final Predicate<T> keep;
    private final boolean reversed;
    private final List<T> loaded = new ArrayList<>();
    private String next;
    private boolean done;

    public CursorPager(Fetch<T> fetch, int pageSize) {
        this(fetch, pageSize, t -> true, false);
    }

    public CursorPager(Fetch<T> fetch, int pageSize, Predicate<T> keep, boolean reversed) {
        this.fetch = fetch;
        this.pageSize = pageSize;
        this.keep = keep;
        this.reversed = reversed;
    }

    public synchronized Stream<T> rows(int offset, int limit) {
        int wanted = reversed ? MAX_REVERSED : offset + limit;
        boolean wasDone = done;
        while (!done && loaded.size() < wanted) {
            Dtos.Page<T> page = fetch.page(next, pageSize);
            page.result().stream().filter(keep).forEach(loaded::add);
            next = page.nextCursor();
            done = next == null || page.result().isEmpty();
        }
        if (reversed && !wasDone) {
            done = true;
            Collections.reverse(loaded);
        }
        if (offset >= loaded.size()) {
            return Stream.empty();
        }
        return List.copyOf(loaded.subList(offset, Math.min(loaded.size(), offset + limit))).stream();
    }
}
