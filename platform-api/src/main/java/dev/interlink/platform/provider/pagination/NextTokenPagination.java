package dev.interlink.platform.provider.pagination;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An opaque next-page token in the body beside a "more" flag (Lever: {@code {data, hasNext, next}}, passed back as
 * {@code ?offset=}). The token is never parsed: it is kept as the provider sent it, decoded once from its
 * percent-encoding so that the query encoder sends exactly the provider's text back (docs/providers/lever.md §4).
 * The list ends when the flag is false, when there is no token, or when the token does not move; a body without the
 * flag (some of Lever's documented examples) goes on while it carries a token.
 */
public final class NextTokenPagination implements Pagination {
    private final String offsetParam;
    private final String limitParam;
    private final String moreField;
    private final String nextField;

    public NextTokenPagination(String offsetParam, String limitParam, String moreField, String nextField) {
        this.offsetParam = offsetParam;
        this.limitParam = limitParam;
        this.moreField = moreField;
        this.nextField = nextField;
    }

    @Override
    public Map<String, String> params(String position, int pageSize) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put(limitParam, String.valueOf(pageSize));
        if (position != null) q.put(offsetParam, position);
        return q;
    }

    @Override
    public String next(String position, int pageSize, JsonNode body, int itemCount) {
        JsonNode more = body == null ? null : body.get(moreField);
        JsonNode token = body == null ? null : body.get(nextField);
        if ((more != null && !more.asBoolean(false)) || token == null || !token.isTextual()) return null;
        String next = decodeOnce(token.asText());
        if (next.isBlank() || next.equals(position)) return null;
        return next;
    }

    static String decodeOnce(String token) {
        if (!token.contains("%")) return token;
        try {
            return URLDecoder.decode(token, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return token; // not percent-encoding after all: send it as it came
        }
    }
}
