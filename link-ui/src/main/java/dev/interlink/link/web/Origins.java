package dev.interlink.link.web;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Web origins ({@code scheme://host[:port]}) as they may appear in a CSP source list or as a postMessage
 * targetOrigin. Anything else (paths, wildcards, spaces, semicolons, {@code *}) is dropped, so tenant data can
 * never widen or break a header.
 */
public final class Origins {
    private static final Pattern ORIGIN =
            Pattern.compile("https?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|https?://\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

    private Origins() {}

    public static List<String> sanitize(Collection<String> origins) {
        if (origins == null) {
            return List.of();
        }
        return origins.stream()
                .map(Origins::normalize)
                .flatMap(Optional::stream)
                .distinct()
                .toList();
    }

    public static Optional<String> normalize(String origin) {
        if (origin == null) {
            return Optional.empty();
        }
        String candidate = origin.trim();
        while (candidate.endsWith("/")) {
            candidate = candidate.substring(0, candidate.length() - 1);
        }
        if (!ORIGIN.matcher(candidate).matches()) {
            return Optional.empty();
        }
        return Optional.of(candidate.toLowerCase(Locale.ROOT));
    }

    /** The origin of an absolute http(s) URL, e.g. a provider logo URL. */
    public static Optional<String> ofUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            return normalize(uri.getScheme() + "://" + uri.getHost() + port);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
