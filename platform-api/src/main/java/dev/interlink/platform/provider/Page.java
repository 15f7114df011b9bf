package dev.interlink.platform.provider;

import dev.interlink.model.ats.Warning;
import java.util.ArrayList;
import java.util.List;

/**
 * One provider page mapped to unified records. {@code nextPosition} is the provider's own position of the next page
 * (a page number, a scroll_id, ...), null at the end; the unified layer wraps it into a signed cursor.
 */
public record Page<T>(List<T> items, String nextPosition, boolean partial, List<Warning> warnings) {
    public static <T> Page<T> of(List<T> items, String nextPosition) {
        return new Page<>(items, nextPosition, false, List.of());
    }

    public Page<T> markPartial(String message) {
        List<Warning> w = new ArrayList<>(warnings);
        w.add(new Warning("PARTIAL_RECORDS", message));
        return new Page<>(items, nextPosition, true, List.copyOf(w));
    }

    /** A page of an in-memory list (providers that answer a whole list at once); position = offset. */
    public static <T> Page<T> slice(List<T> all, String position, int size) {
        int from = position == null ? 0 : Integer.parseInt(position);
        int to = Math.min(all.size(), from + size);
        return of(all.subList(Math.min(from, all.size()), to), to < all.size() ? String.valueOf(to) : null);
    }
}
