package dev.interlink.admin.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The admin UI is never framed (clickjacking: an admin tricked into clicking "revoke" or "rotate" through an
 * invisible frame): {@code Content-Security-Policy: frame-ancestors 'none'} for browsers that read CSP, and
 * {@code X-Frame-Options: DENY} for those that do not. Registered by Jetty's annotation scan, which vaadin-boot runs
 * over the classpath (the same scan that finds the {@code @Route}s).
 *
 * <p>Only {@code frame-ancestors} (plus {@code object-src}/{@code base-uri}) is set: a full script policy would need
 * Vaadin's inline bootstrap and {@code eval} allowed anyway, and is not what this filter is for.
 */
@WebFilter(filterName = "admin-security-headers", urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {
    public static final String CSP = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'";

    /** Every response's security headers. */
    public static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", CSP);
        h.put("X-Frame-Options", "DENY");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        return h;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        headers().forEach(response::setHeader);
        chain.doFilter(request, response);
    }
}
