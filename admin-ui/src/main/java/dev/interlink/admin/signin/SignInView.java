package dev.interlink.admin.signin;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.interlink.admin.api.PlatformAdminClient;
import dev.interlink.admin.api.PlatformAdminClients;
import dev.interlink.admin.api.PlatformProblem;
import dev.interlink.admin.session.AdminSession;

@com.vaadin.flow.component.dependency.StyleSheet("context://css/admin.css")
@Route(SignInNavigation.ROUTE)
@PageTitle("Sign in · Interlink admin")
class SignInView extends Div implements BeforeEnterObserver {
    private final PlatformAdminClient platform;
    final SignInForm form = new SignInForm();
    private final Paragraph notice = new Paragraph();

    SignInView() {
        this(PlatformAdminClients.get());
    }

    SignInView(PlatformAdminClient platform) {
        this.platform = platform;
        addClassName("sign-in");
        notice.setId("sign-in-notice");
        notice.setVisible(false);
        Div card =
                new Div(new H1("Interlink admin"), new Paragraph("Sign in to manage your integrations."), notice, form);
        card.addClassName("card");
        add(card);
        form.addSignInListener(e -> signIn(e.workspace(), e.email(), e.password()));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters().getParameters();
        if (parameters.containsKey("workspace")) {
            form.presetWorkspace(parameters.get("workspace").get(0));
        }
        if (parameters.containsKey("expired")) {
            notice.setText("Your session has ended. Please sign in again.");
            notice.setVisible(true);
        }
    }

    private void signIn(String workspace, String email, String password) {
        try {
            AdminSession.start(platform.signIn(workspace, email, password));
            UI.getCurrent().navigate("");
        } catch (PlatformProblem problem) {
            form.showError(
                    switch (problem.status()) {
                        case 401 -> "Wrong workspace, email or password.";
                        case 429 -> "Too many attempts: " + problem.getMessage();
                        default -> "Sign-in is not available right now: " + problem.getMessage();
                    });
        }
    }
}
