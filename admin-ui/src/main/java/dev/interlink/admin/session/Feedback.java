package dev.interlink.admin.session;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.interlink.admin.api.PlatformProblem;

/** How every screen reports an API failure: an expired session goes back to sign-in, the rest is a toast. */
public final class Feedback {
    /** The sign-in route; {@code ?expired} explains why the admin is there. */
    public static final String SIGN_IN_ROUTE = "signin";

    private Feedback() {}

    public static void failed(PlatformProblem problem) {
        if (problem.unauthorized()) {
            AdminSession.end();
            UI.getCurrent().navigate(SIGN_IN_ROUTE + "?expired");
            return;
        }
        error(problem.getMessage());
    }

    public static void error(String message) {
        Notification n = Notification.show(message, 6000, Notification.Position.TOP_CENTER);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    public static void done(String message) {
        Notification n = Notification.show(message, 3000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
