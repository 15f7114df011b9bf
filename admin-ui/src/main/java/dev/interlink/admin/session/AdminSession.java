package dev.interlink.admin.session;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import dev.interlink.admin.api.Dtos;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The signed-in admin, kept in the Vaadin session: the admin JWT (15 minutes), the tenant's display name and the
 * email. The session ends when the token expires; then every screen asks to sign in again.
 */
public final class AdminSession {
    private static final String KEY = AdminSession.class.getName();
    private static volatile Clock clock = Clock.systemUTC();

    /** For tests: the clock that decides expiry. */
    public static void useClock(Clock c) {
        clock = c;
    }

    /** True when this browser session had an admin whose token has run out (not when there was none). */
    public static boolean expiredSession() {
        VaadinSession session = VaadinSession.getCurrent();
        AdminSession admin = session == null ? null : (AdminSession) session.getAttribute(KEY);
        return admin != null && admin.expired();
    }

    private final String token;
    private final Instant expiresAt;
    private final String tenantDisplayName;
    private final String email;

    public AdminSession(String token, Instant expiresAt, String tenantDisplayName, String email) {
        this.token = token;
        this.expiresAt = expiresAt;
        this.tenantDisplayName = tenantDisplayName;
        this.email = email;
    }

    public String token() {
        return token;
    }

    public String tenantDisplayName() {
        return tenantDisplayName;
    }

    public String email() {
        return email;
    }

    public boolean expired() {
        return !clock.instant().isBefore(expiresAt);
    }

    /** The signed-in admin of this browser session, unless there is none or its token has expired. */
    public static Optional<AdminSession> current() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null) {
            return Optional.empty();
        }
        AdminSession admin = (AdminSession) session.getAttribute(KEY);
        return admin == null || admin.expired() ? Optional.empty() : Optional.of(admin);
    }

    public static String requireToken() {
        return current().map(AdminSession::token).orElseThrow(SignedOut::new);
    }

    /** Starts a session after a successful sign-in; a fresh HTTP session id defeats session fixation. */
    public static void start(Dtos.Session signedIn) {
        VaadinRequest request = VaadinService.getCurrentRequest();
        if (request != null && request.getWrappedSession(false) != null && isServlet(request)) {
            VaadinService.reinitializeSession(request);
        }
        VaadinSession session = VaadinSession.getCurrent();
        session.setAttribute(
                KEY,
                new AdminSession(
                        signedIn.accessToken(),
                        clock.instant().plusSeconds(signedIn.expiresIn()),
                        signedIn.tenantDisplayName(),
                        signedIn.email()));
        WrappedSession wrapped = session.getSession();
        if (wrapped != null) {
            wrapped.setMaxInactiveInterval((int) Math.max(60, signedIn.expiresIn()));
        }
    }

    private static boolean isServlet(VaadinRequest request) {
        return request.getClass().getName().startsWith("com.vaadin.flow.server.VaadinServletRequest");
    }

    public static void end() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null) {
            session.setAttribute(KEY, null);
        }
    }

    /** Thrown when a screen needs the admin but the session has ended. */
    public static final class SignedOut extends RuntimeException {
        public SignedOut() {
            super("Not signed in", null, false, false);
        }
    }
}
