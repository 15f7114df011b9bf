package dev.interlink.link.web;

import dev.interlink.link.api.LinkSession;
import dev.interlink.link.api.PlatformLinkClient;
import dev.interlink.link.api.PlatformProblemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides the security headers of a link-ui response. The link page may only be framed by its tenant's allowed
 * origins ({@code frame-ancestors}, taken from the link token's session); every other response, and the link
 * page of an unknown token, gets {@code frame-ancestors 'none'}. The token sits in the URL, so no referrer is
 * ever sent. {@code X-Frame-Options} is deliberately not sent: it cannot express "these origins".
 */
public final class SecurityHeaders {
    public static final String CSP = "Content-Security-Policy";

    private final Supplier<PlatformLinkClient> client;
    private final TokenOrigins tokenOrigins;
    private final String extraImageSources;

    /**
     * @param apiOrigin the origin of platform-api, which serves the provider logos (may be null)
     */
    public SecurityHeaders(Supplier<PlatformLinkClient> client, TokenOrigins tokenOrigins, String apiOrigin) {
        this.client = client;
        this.tokenOrigins = tokenOrigins;
        this.extraImageSources = Origins.normalize(apiOrigin).map(o -> " " + o).orElse("");
    }

    /**
     * @param linkPageToken the {@code link_token} when the request loads the link page as a document; null for
     *     every other request (Vaadin's own requests, static files), which never need a frame ancestor.
     * @param linkPage whether the request is for the link page document at all
     */
    public Map<String, String> headersFor(boolean linkPage, String linkPageToken) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        List<String> ancestors = linkPage ? frameAncestors(linkPageToken) : List.of();
        headers.put(CSP, policy(ancestors));
        if (linkPage) {
            headers.put("Cache-Control", "no-store");
        }
        return headers;
    }

    List<String> frameAncestors(String token) {
        if (token == null || token.isBlank()) {
            return List.of();
        }
        try {
            LinkSession session = client.get().fetchSession(token);
            List<String> origins = Origins.sanitize(session.allowedOrigins());
            tokenOrigins.remember(token, origins, session.expiresAt());
            return origins;
        } catch (PlatformProblemException e) {
            // consumed / expired / unreachable: origins we saw while the token was valid, else none
            Optional<List<String>> known = tokenOrigins.recall(token);
            return known.orElse(List.of());
        }
    }

    String policy(List<String> frameAncestors) {
        String ancestors = frameAncestors.isEmpty() ? "'none'" : String.join(" ", frameAncestors);
        // Vaadin's bootstrap uses inline scripts and executeJs uses Function(): 'unsafe-inline' + 'unsafe-eval'.
        return "default-src 'self'; "
                + "script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
                + "style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data: https:" + extraImageSources + "; "
                + "font-src 'self' data:; "
                + "connect-src 'self'; "
                + "object-src 'none'; "
                + "base-uri 'self'; "
                + "form-action 'self'; "
                + "frame-ancestors " + ancestors;
    }
}
