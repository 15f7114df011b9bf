package dev.interlink.link.web;

import static dev.interlink.link.api.FakePlatformLinkClient.cats;
import static dev.interlink.link.api.FakePlatformLinkClient.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlink.link.api.FakePlatformLinkClient;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityHeadersFilterTest {
    private final FakePlatformLinkClient platform = new FakePlatformLinkClient().session("tok", session(cats()));
    private final SecurityHeadersFilter filter = new SecurityHeadersFilter(
            new SecurityHeaders(() -> platform, new TokenOrigins(Clock.systemUTC(), 10, Duration.ZERO), null));
    private final Map<String, String> written = new HashMap<>();
    private boolean chained;

    private static HttpServletRequest request(String method, String uri, Map<String, String> params) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                SecurityHeadersFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> uri;
                    case "getContextPath" -> "";
                    case "getParameter" -> params.get((String) args[0]);
                    default -> null;
                });
    }

    private HttpServletResponse response() {
        return (HttpServletResponse) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    if (m.getName().equals("setHeader")) {
                        written.put((String) args[0], (String) args[1]);
                    }
                    return null;
                });
    }

    private void run(HttpServletRequest request) throws Exception {
        filter.doFilter(request, response(), (req, res) -> chained = true);
    }

    @Test
    void the_link_page_document_gets_the_tenants_frame_ancestors() throws Exception {
        run(request("GET", "/link", Map.of("link_token", "tok")));

        assertTrue(written.get("Content-Security-Policy").endsWith("frame-ancestors http://localhost:8095"));
        assertTrue(chained);
    }

    @Test
    void vaadins_own_requests_are_not_treated_as_the_link_page() throws Exception {
        run(request("GET", "/link", Map.of("link_token", "tok", "v-r", "init")));

        assertTrue(written.get("Content-Security-Policy").endsWith("frame-ancestors 'none'"));
    }

    @Test
    void static_files_get_the_common_headers() throws Exception {
        run(request("GET", "/interlink-link.js", Map.of()));

        assertEquals("nosniff", written.get("X-Content-Type-Options"));
        assertEquals("no-referrer", written.get("Referrer-Policy"));
        assertTrue(chained);
    }
}
