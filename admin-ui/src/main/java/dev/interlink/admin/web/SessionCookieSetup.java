package dev.interlink.admin.web;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

/**
 * The Vaadin session cookie is the admin's sign-in (the platform-api token lives in the session): {@code HttpOnly}
 * (no script reads it), {@code SameSite=Strict} (no other site's page, form or frame makes the browser send it) and
 * {@code Secure} outside dev mode ({@code INTERLINK_DEV_MODE=true}, where {@code ./interlink up} serves plain http).
 *
 * <p>Strict rather than Lax: the admin UI has no entry point that another site links into while signed in (no OAuth
 * return, no e-mailed deep links), and Vaadin's own requests are same-site. The cost: following a link to the admin UI
 * from another site arrives without the cookie and shows the sign-in page.
 */
@WebListener
public class SessionCookieSetup implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        configure(event.getServletContext().getSessionCookieConfig(), devMode(System.getenv("INTERLINK_DEV_MODE")));
    }

    static boolean devMode(String value) {
        return "true".equalsIgnoreCase(value == null ? null : value.trim());
    }

    static void configure(SessionCookieConfig cookie, boolean devMode) {
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Strict");
        cookie.setSecure(!devMode);
    }
}
