package dev.interlink.platform.provider.pagination;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A whole list in one answer (Loxo reference lists and users: bare arrays); paged in memory by the caller. */
public final class Unpaginated implements Pagination {
    @Override
    public Map<String, String> params(String position, int pageSize) {
        return Map.of();
    }

    @Override
    public String next(String position, int pageSize, JsonNode body, int itemCount) {
        return null;
    }
}
