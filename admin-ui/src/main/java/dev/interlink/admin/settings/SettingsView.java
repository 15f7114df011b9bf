package dev.interlink.admin.settings;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.interlink.admin.MainLayout;
import dev.interlink.admin.api.PlatformAdminClient;
import dev.interlink.admin.api.PlatformAdminClients;
import dev.interlink.admin.api.PlatformProblem;
import dev.interlink.admin.session.AdminSession;
import dev.interlink.admin.session.Feedback;
import java.util.List;

@Route(value = SettingsNavigation.ROUTE, layout = MainLayout.class)
@PageTitle("Settings · Interlink admin")
class SettingsView extends VerticalLayout {
    private final PlatformAdminClient platform;
    final SettingsForm form = new SettingsForm();

    SettingsView() {
        this(PlatformAdminClients.get());
    }

    SettingsView(PlatformAdminClient platform) {
        this.platform = platform;
        form.setMaxWidth("640px");
        form.addSaveListener(e -> save(e.displayName(), e.allowedOrigins()));
        String api = platform.baseUri().toString().replaceAll("/$", "");
        Anchor docs = new Anchor(api + "/swagger-ui/index.html", "API reference (OpenAPI / Swagger UI)");
        docs.setId("openapi-link");
        docs.setTarget("_blank");
        Anchor spec = new Anchor(api + "/swagger/", "OpenAPI documents");
        spec.setTarget("_blank");
        add(
                new H2("Settings"),
                form,
                new H3("Developer documentation"),
                new Paragraph("Interlink API at " + api),
                docs,
                spec);
        try {
            form.show(platform.tenant(AdminSession.requireToken()));
        } catch (PlatformProblem problem) {
            Feedback.failed(problem);
        }
    }

    private void save(String displayName, List<String> origins) {
        try {
            form.show(platform.updateTenant(AdminSession.requireToken(), displayName, origins));
            Feedback.done("Settings saved");
        } catch (PlatformProblem problem) {
            if (problem.status() == 400 && !problem.errors().isEmpty()) {
                form.showErrors(problem.errors());
            } else {
                Feedback.failed(problem);
            }
        }
    }
}
