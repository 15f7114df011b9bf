package dev.interlink.platform.common;

import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Provider bytes served from the API origin (attachment content, {@code /proxy} bodies) carry the provider's
 * {@code Content-Type}, which may say {@code text/html} or {@code image/svg+xml}. A browser that opens such a URL must
 * neither sniff nor run it in our origin: {@code X-Content-Type-Options: nosniff}, a CSP that sandboxes the document
 * (opaque origin, no scripts) and allows nothing to load, and a download disposition for files.
 */
public final class ServedContent {
    public static final String CSP = "sandbox; default-src 'none'";

    /** {@code filename="…"} or {@code filename*=UTF-8''…} in a provider's Content-Disposition. */
    private static final Pattern FILENAME =
            Pattern.compile("filename\\*?\\s*=\\s*(?:UTF-8'[^']*')?\"?([^\";]*)\"?", Pattern.CASE_INSENSITIVE);

    private ServedContent() {}

    /** The headers every provider body served by us carries. */
    public static void harden(MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Content-Security-Policy", CSP);
    }

    /**
     * {@code attachment} whatever the provider said ({@code inline} would let a browser render it in our origin),
     * keeping a sanitized file name if it sent one.
     */
    public static String attachmentDisposition(String providerDisposition) {
        String name = fileName(providerDisposition);
        if (name == null) return "attachment";
        String ascii = name.replaceAll("[^A-Za-z0-9._ ()+-]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String fileName(String disposition) {
        if (disposition == null) return null;
        Matcher m = FILENAME.matcher(disposition);
        String found = null;
        while (m.find()) {
            String v = m.group(1).trim();
            if (m.group().toLowerCase(Locale.ROOT).startsWith("filename*")) {
                try {
                    v = java.net.URLDecoder.decode(v, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    continue;
                }
            }
            // no control characters, no path: the last path element only
            v = v.replaceAll("[\\p{Cntrl}]", "");
            int slash = Math.max(v.lastIndexOf('/'), v.lastIndexOf('\\'));
            if (slash >= 0) v = v.substring(slash + 1);
            if (!v.isBlank() && v.length() <= 200) found = v;
        }
        return found;
    }

    /** The provider's content type if Micronaut can carry it, else {@code application/octet-stream}. */
    public static MediaType mediaType(String providerType) {
        if (providerType == null || providerType.isBlank()) return MediaType.APPLICATION_OCTET_STREAM_TYPE;
        try {
            return MediaType.of(providerType);
        } catch (RuntimeException e) {
            return MediaType.APPLICATION_OCTET_STREAM_TYPE;
        }
    }
}
