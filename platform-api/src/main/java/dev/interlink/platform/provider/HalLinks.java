package dev.interlink.platform.provider;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.filter.FilteringParserDelegate;
import com.fasterxml.jackson.core.filter.TokenFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * HAL's {@code _links} inside the records of a page (CATS: a dozen {@code {href}} objects per candidate and more per
 * embedded phone and email, docs/providers/cats.md) are navigation for a browser of the API: no mapper reads them, and
 * building their nodes was about a third of reading a CATS page. When no {@code remote_data} is wanted they are
 * skipped while parsing; the document's own top-level {@code _links} (where the next page is) is always kept, and so
 * is everything else, empty objects and arrays included.
 */
final class HalLinks {
    static final String FIELD = "_links";

    private HalLinks() {}

    static JsonNode readTreeWithout(ObjectMapper json, byte[] body) throws IOException {
        try (JsonParser parser = new FilteringParserDelegate(
                json.createParser(body), TOP, TokenFilter.Inclusion.INCLUDE_ALL_AND_PATH, true)) {
            return json.readTree(parser);
        }
    }

    /** Below the top level: every property but {@code _links}. */
    private static final TokenFilter NESTED = new KeepEmpty() {
        @Override
        public TokenFilter includeProperty(String name) {
            return name.equals(FIELD) ? null : this;
        }
    };

    /** The top level: the page's {@code _links} whole, the rest filtered as {@link #NESTED}. */
    private static final TokenFilter TOP = new KeepEmpty() {
        @Override
        public TokenFilter includeProperty(String name) {
            return name.equals(FIELD) ? TokenFilter.INCLUDE_ALL : NESTED;
        }

        @Override
        public TokenFilter includeElement(int index) {
            return NESTED; // a bare array of records
        }
    };

    private static class KeepEmpty extends TokenFilter {
        @Override
        public boolean includeEmptyObject(boolean contentsFiltered) {
            return true;
        }

        @Override
        public boolean includeEmptyArray(boolean contentsFiltered) {
            return true;
        }
    }
}
