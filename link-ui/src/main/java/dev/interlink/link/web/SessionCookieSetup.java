package dev.interlink.link.web;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

/**
 * In modal mode the flow runs in a cross-site iframe, where browsers only send cookies marked
 * {@code SameSite=None; Secure} (and partition them per top-level site, hence {@code Partitioned}). Without this
 * the Vaadin session cookie would be dropped and every click would end in "session expired".
 * {@code INTERLINK_LINK_UI_COOKIE_SECURE=false} turns it off for plain-http hosts other than localhost.
 */
@WebListener
public class SessionCookieSetup implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        if (!"false".equalsIgnoreCase(System.getenv("INTERLINK_LINK_UI_COOKIE_SECURE"))) {
            cookie.setSecure(true);
            cookie.setAttribute("SameSite", "None");
            cookie.setAttribute("Partitioned", "true");
        }
    }
}
