package dev.interlink.admin.api;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Adapts the API's cursor pagination to a grid's offset/limit fetches: pages are fetched forward and kept, so
 * scrolling through thousands of rows calls the API once per page. A new filter needs a new pager.
 */
public final class CursorPager<T> {
    /** One call of the API: the page after {@code cursor} (null for the first page). */
    public interface Fetch<T> {
        Dtos.Page<T> page(String cursor, int limit);
    }

    private final Fetch<T> fetch;
    private final int pageSize;
    private final List<T> loaded = new ArrayList<>();
    private String next;
    private boolean done;

    public CursorPager(Fetch<T> fetch, int pageSize) {
        this.fetch = fetch;
        this.pageSize = pageSize;
    }

    public synchronized Stream<T> rows(int offset, int limit) {
        while (!done && loaded.size() < offset + limit) {
            Dtos.Page<T> page = fetch.page(next, pageSize);
            loaded.addAll(page.result());
            next = page.nextCursor();
            done = next == null || page.result().isEmpty();
        }
        if (offset >= loaded.size()) {
            return Stream.empty();
        }
        return List.copyOf(loaded.subList(offset, Math.min(loaded.size(), offset + limit))).stream();
    }
}
