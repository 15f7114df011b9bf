package dev.interlink.platform.account;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/** The list envelope: {@code {"result": [...], "next_cursor": ..., "result_count": n}}. */
public record Page<T>(List<T> result, @Nullable String nextCursor, int resultCount) {
    public static <T> Page<T> of(List<T> result, @Nullable String nextCursor) {
        return new Page<>(result, nextCursor, result.size());
    }
}
