package dev.interlink.admin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AdminWebSecurityTest {
    private final Map<String, String> written = new HashMap<>();
    private final Map<String, Object> cookie = new HashMap<>();

    private HttpServletResponse response() {
        return (HttpServletResponse) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    if (m.getName().equals("setHeader")) written.put((String) args[0], (String) args[1]);
                    return null;
                });
    }

    private SessionCookieConfig cookieConfig() {
        return (SessionCookieConfig) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {SessionCookieConfig.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setHttpOnly" -> cookie.put("HttpOnly", args[0]);
                        case "setSecure" -> cookie.put("Secure", args[0]);
                        case "setAttribute" -> cookie.put((String) args[0], args[1]);
                        default -> {}
                    }
                    return null;
                });
    }

    @Test
    @DisplayName("another site cannot frame the admin UI to clickjack an admin")
    void every_response_forbids_framing() throws Exception {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> null);
        boolean[] chained = {false};
        new SecurityHeadersFilter().doFilter(request, response(), (req, res) -> chained[0] = true);
        assertTrue(written.get("Content-Security-Policy").contains("frame-ancestors 'none'"));
        assertEquals("DENY", written.get("X-Frame-Options"));
        assertEquals("nosniff", written.get("X-Content-Type-Options"));
        assertTrue(chained[0]);
    }

    @Test
    @DisplayName("the admin session cookie cannot be read by script, sent cross-site or sent over plain http")
    void the_session_cookie_is_httponly_strict_and_secure() {
        SessionCookieSetup.configure(cookieConfig(), SessionCookieSetup.devMode(null));
        assertEquals(true, cookie.get("HttpOnly"));
        assertEquals("Strict", cookie.get("SameSite"));
        assertEquals(true, cookie.get("Secure"));
    }

    @Test
    @DisplayName("only dev mode (plain http on the developer's machine) drops Secure from the admin session cookie")
    void dev_mode_drops_only_secure() {
        assertFalse(SessionCookieSetup.devMode("false"));
        SessionCookieSetup.configure(cookieConfig(), SessionCookieSetup.devMode("true"));
        assertEquals(false, cookie.get("Secure"));
        assertEquals(true, cookie.get("HttpOnly"));
        assertEquals("Strict", cookie.get("SameSite"));
    }
}
