package dev.interlink.sandbox.spi;

import java.util.List;
import java.util.Map;

/**
 * What a new simulated account is made from: the seed and size of its generated data, an optional fixed API key
 * (null = generate one), an optional agency slug (providers that have none ignore it) and provider-specific
 * options (the control API passes its whole request body, e.g. {@code redirect_uris}).
 */
public record AccountRequest(long seed, int size, String apiKey, String agencySlug, Map<String, Object> options) {
    public AccountRequest {
        options = options == null ? Map.of() : options;
    }

    public String option(String name) {
        Object v = options.get(name);
        return v == null || v.toString().isBlank() ? null : v.toString();
    }

    /** A string or a list of strings; null when absent. */
    public List<String> optionList(String name) {
        Object v = options.get(name);
        if (v == null) return null;
        if (v instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        return List.of(v.toString());
    }
}
