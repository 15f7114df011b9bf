package dev.interlink.platform.account;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * An opaque keyset cursor: the sort key (time, id) of the last row of a page, base64url-encoded. A cursor
 * carries no tenant: queries always add the caller's tenant, so another tenant's cursor reveals nothing.
 */
public record PageCursor(Instant at, String id) {
    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        ("v1|" + at.toEpochMilli() + "|" + at.getNano() + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static PageCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 4);
            if (parts.length != 4 || !parts[0].equals("v1")) {
                throw new IllegalArgumentException();
            }
            Instant at = Instant.ofEpochMilli(Long.parseLong(parts[1]));
            at = at.plusNanos(Integer.parseInt(parts[2]) - at.getNano());
            return new PageCursor(at, parts[3]);
        } catch (RuntimeException e) {
            throw ApiProblem.of(ErrorCode.PLATFORM_CURSOR_INVALID, "The cursor is not one this API returned");
        }
    }

    /**
     * The cursor of a platform list: {@code next_cursor} (the name the envelope and the unified lists use) or
     * {@code cursor} (the older name, kept as an alias). Both sent and different is a 400.
     */
    public static String param(String nextCursor, String cursor) {
        if (nextCursor != null && cursor != null && !nextCursor.equals(cursor)) {
            throw ApiProblem.invalid("/next_cursor", "differs from cursor (send one of them)");
        }
        return nextCursor != null ? nextCursor : cursor;
    }

    /** {@code limit} within 1..max, default when absent; 400 otherwise. */
    public static int limit(Integer limit, int defaultLimit, int max) {
        if (limit == null) {
            return defaultLimit;
        }
        if (limit < 1 || limit > max) {
            throw ApiProblem.invalid("/limit", "must be between 1 and " + max);
        }
        return limit;
    }
}
