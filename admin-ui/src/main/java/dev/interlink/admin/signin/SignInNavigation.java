package dev.interlink.admin.signin;

import com.vaadin.flow.component.UI;
import dev.interlink.admin.session.Feedback;

/** The public API of the sign-in package. */
public final class SignInNavigation {
    public static final String ROUTE = Feedback.SIGN_IN_ROUTE;

    private SignInNavigation() {}

    public static void navigate() {
        UI.getCurrent().navigate(ROUTE);
    }
}
