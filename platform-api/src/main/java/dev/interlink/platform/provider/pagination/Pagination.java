package dev.interlink.platform.provider.pagination;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One way a provider pages a list (Airbyte's small named strategies). A position is the provider's own notion of
 * "where the next page starts", as a string: a page number, a scroll_id, an offset. {@code null} is the first page.
 */
public interface Pagination {
    /** The query parameters that ask for the page at {@code position} with {@code pageSize} records. */
    Map<String, String> params(String position, int pageSize);

    /** The position of the page after this one, or null when this was the last. */
    String next(String position, int pageSize, JsonNode body, int itemCount);
}
