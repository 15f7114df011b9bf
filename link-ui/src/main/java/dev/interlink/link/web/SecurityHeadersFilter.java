package dev.interlink.link.web;

import dev.interlink.link.api.HttpPlatformLinkClient;
import dev.interlink.link.api.PlatformLinkClient;
import dev.interlink.link.api.PlatformLinkClients;
import dev.interlink.link.flow.LinkNavigation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Adds {@link SecurityHeaders} to every response. Registered by Jetty's annotation scan, which vaadin-boot
 * runs over the classpath (the same scan that finds {@code @Route}s), so no web.xml is needed.
 */
@WebFilter(filterName = "security-headers", urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {
    private final transient SecurityHeaders headers;

    public SecurityHeadersFilter() {
        this(PlatformLinkClients::get);
    }

    public SecurityHeadersFilter(Supplier<PlatformLinkClient> client) {
        this(new SecurityHeaders(client, TokenOrigins.shared(), apiOrigin(client)));
    }

    public SecurityHeadersFilter(SecurityHeaders headers) {
        this.headers = headers;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean linkPage = isLinkPageDocument(request);
        String token = linkPage ? request.getParameter(LinkNavigation.TOKEN_PARAMETER) : null;
        headers.headersFor(linkPage, token).forEach(response::setHeader);
        chain.doFilter(request, response);
    }

    /** A browser loading {@code /link?link_token=...} (or {@code /}) as a page, not one of Vaadin's own requests. */
    static boolean isLinkPageDocument(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) || request.getParameter("v-r") != null) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/" + LinkNavigation.ROUTE)
                || path.equals("/" + LinkNavigation.ROUTE + "/")
                || path.equals("/");
    }

    private static String apiOrigin(Supplier<PlatformLinkClient> client) {
        try {
            return client.get() instanceof HttpPlatformLinkClient http
                    ? Origins.ofUrl(http.baseUri().toString()).orElse(null)
                    : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
