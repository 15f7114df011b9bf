package dev.interlink.admin.clients;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.interlink.admin.MainLayout;
import dev.interlink.admin.api.Dtos.ApiClient;
import dev.interlink.admin.api.Dtos.CreatedClient;
import dev.interlink.admin.api.PlatformAdminClient;
import dev.interlink.admin.api.PlatformAdminClients;
import dev.interlink.admin.api.PlatformProblem;
import dev.interlink.admin.session.AdminSession;
import dev.interlink.admin.session.Feedback;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

@Route(value = ClientsNavigation.ROUTE, layout = MainLayout.class)
@PageTitle("API clients · Interlink admin")
class ApiClientsView extends VerticalLayout {
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final PlatformAdminClient platform;
    final Grid<ApiClient> grid = new Grid<>();
    final NewClientForm form = new NewClientForm();
    final Div empty = new Div();

    ApiClientsView() {
        this(PlatformAdminClients.get());
    }

    ApiClientsView(PlatformAdminClient platform) {
        this.platform = platform;
        grid.setId("clients");
        grid.addColumn(ApiClient::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(ApiClient::clientId).setHeader("Client id").setAutoWidth(true);
        grid.addColumn(c -> String.join(" ", c.scopes())).setHeader("Scopes").setFlexGrow(1);
        grid.addColumn(c -> TIME.format(c.createdAt()))
                .setHeader("Created (UTC)")
                .setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("").setKey("actions").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        empty.setId("clients-empty");
        empty.addClassName("empty");
        empty.setText(
                "No API clients yet — create one below; your backend exchanges it for a token at POST /oauth/token.");
        form.addCreateListener(e -> create(e.name(), e.scopes()));
        add(
                new H2("API clients"),
                new Paragraph("Your backend calls the Interlink API with these credentials. Secrets are shown once."),
                empty,
                grid,
                new H2("New API client"),
                form);
        refresh();
    }

    private HorizontalLayout actions(ApiClient client) {
        if (client.revoked()) {
            Span revoked = new Span("revoked " + TIME.format(client.revokedAt()));
            revoked.addClassName("muted");
            return new HorizontalLayout(revoked);
        }
        Button rotate = new Button("Rotate secret", e -> rotate(client));
        rotate.setId("rotate-" + client.clientId());
        Button revoke = new Button("Revoke", e -> confirmRevoke(client));
        revoke.setId("revoke-" + client.clientId());
        revoke.addThemeVariants(ButtonVariant.LUMO_ERROR);
        return new HorizontalLayout(rotate, revoke);
    }

    void refresh() {
        try {
            List<ApiClient> clients = platform.apiClients(AdminSession.requireToken());
            grid.setItems(clients);
            empty.setVisible(clients.isEmpty());
            grid.setVisible(!clients.isEmpty());
        } catch (PlatformProblem problem) {
            Feedback.failed(problem);
        }
    }

    private void create(String name, List<String> scopes) {
        try {
            CreatedClient created = platform.createApiClient(AdminSession.requireToken(), name, scopes);
            form.clear();
            refresh();
            new SecretDialog(created.client().clientId(), created.clientSecret()).open();
        } catch (PlatformProblem problem) {
            Feedback.failed(problem);
        }
    }

    private void rotate(ApiClient client) {
        try {
            String secret = platform.rotateSecret(AdminSession.requireToken(), client.id());
            new SecretDialog(client.clientId(), secret).open();
            Feedback.done("New secret created; the previous one keeps working for 24 hours");
        } catch (PlatformProblem problem) {
            Feedback.failed(problem);
        }
    }

    private void confirmRevoke(ApiClient client) {
        ConfirmDialog confirm = new ConfirmDialog(
                "Revoke " + client.name() + "?",
                "Its tokens stop working at once. This cannot be undone.",
                "Revoke",
                e -> revoke(client));
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }

    void revoke(ApiClient client) {
        try {
            platform.revokeApiClient(AdminSession.requireToken(), client.id());
            refresh();
            Feedback.done("Revoked " + client.name());
        } catch (PlatformProblem problem) {
            Feedback.failed(problem);
        }
    }
}
