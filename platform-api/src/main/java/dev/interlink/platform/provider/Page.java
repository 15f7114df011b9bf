package dev.interlink.platform.provider;

import dev.interlink.model.ats.Warning;
import java.util.ArrayList;
import java.util.List;

/**
 * One provider page mapped to unified records. {@code nextPosition} is the provider's own position of the next page
 * (a page number, a scroll_id, ...), null at the end; the unified layer wraps it into a signed cursor. {@code total}
 * is the provider's count of all matching records when its list says so (CATS {@code total}, Loxo
 * {@code total_count}), else null: imports use it for their progress and ETA.
 */
public record Page<T>(List<T> items, String nextPosition, boolean partial, List<Warning> warnings, Long total) {
    public Page(List<T> items, String nextPosition, boolean partial, List<Warning> warnings) {
        this(items, nextPosition, partial, warnings, null);
    }

    public static <T> Page<T> of(List<T> items, String nextPosition) {
        return new Page<>(items, nextPosition, false, List.of());
    }

    public Page<T> markPartial(String message) {
        List<Warning> w = new ArrayList<>(warnings);
        w.add(new Warning("PARTIAL_RECORDS", message));
        return new Page<>(items, nextPosition, true, List.copyOf(w), total);
    }

    public Page<T> withTotal(Long total) {
        return new Page<>(items, nextPosition, partial, warnings, total);
    }

    /** A page of an in-memory list (providers that answer a whole list at once); position = offset. */
    public static <T> Page<T> slice(List<T> all, String position, int size) {
        int from = position == null ? 0 : Integer.parseInt(position);
        int to = Math.min(all.size(), from + size);
        return new Page<>(
                all.subList(Math.min(from, all.size()), to),
                to < all.size() ? String.valueOf(to) : null,
                false,
                List.of(),
                (long) all.size());
    }
}
