package dev.interlink.admin.webhooks;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.interlink.admin.MainLayout;
import dev.interlink.admin.api.Dtos.CreatedWebhookEndpoint;
import dev.interlink.admin.api.Dtos.FieldError;
import dev.interlink.admin.api.Dtos.Page;
import dev.interlink.admin.api.Dtos.WebhookEndpoint;
import dev.interlink.admin.api.Dtos.WebhookEventType;
import dev.interlink.admin.api.PlatformAdminClient;
import dev.interlink.admin.api.PlatformAdminClients;
import dev.interlink.admin.api.PlatformProblem;
import dev.interlink.admin.session.AdminSession;
import dev.interlink.admin.session.Feedback;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The tenant's webhook endpoints: create (secret shown once), send a test, rotate the secret, disable/enable,
 * delete; a notice for endpoints we disabled after failures; and the delivery log of the selected endpoint.
 */
@Route(value = WebhooksNavigation.ROUTE, layout = MainLayout.class)
@PageTitle("Webhooks · Interlink admin")
class WebhooksView extends VerticalLayout {
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final PlatformAdminClient platform;
    final Grid<WebhookEndpoint> grid = new Grid<>();
    final Div empty = new Div();
    final Div notice = new Div();
    final TextField url = new TextField("URL");
    final MultiSelectComboBox<String> eventTypes = new MultiSelectComboBox<>("Event types");
    final TextField description = new TextField("Description");
    final Button create = new Button("Create endpoint");
    final DeliveriesPanel deliveries;

    WebhooksView() {
        this(PlatformAdminClients.get());
    }

    WebhooksView(PlatformAdminClient platform) {
        this.platform = platform;
        List<String> types = catalog();
        deliveries = new DeliveriesPanel(platform, types);
        grid.setId("webhook-endpoints");
        grid.addColumn(WebhookEndpoint::url).setHeader("URL").setFlexGrow(1);
        grid.addColumn(e -> String.join(" ", e.eventTypes()))
                .setHeader("Event types")
                .setAutoWidth(true);
        grid.addColumn(e -> e.active() ? "active" : "disabled: " + e.disabledReason())
                .setHeader("Status")
                .setKey("status")
                .setAutoWidth(true);
        grid.addColumn(e -> e.description() == null ? "" : e.description()).setHeader("Description");
        grid.addComponentColumn(this::actions).setHeader("").setKey("actions").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        empty.setId("webhooks-empty");
        empty.addClassName("empty");
        empty.setText("No webhook endpoints yet — add one below to receive events such as"
                + " integrated_account.needs_reauth.");
        notice.setId("webhooks-disabled-notice");
        notice.addClassName("notice");
        url.setId("webhook-url");
        url.setPlaceholder("https://hooks.example.com/interlink");
        url.setWidth("420px");
        eventTypes.setId("webhook-event-types");
        List<String> choices = new ArrayList<>(List.of("*", "integrated_account.*", "ats.*"));
        types.stream().filter(t -> !t.equals("webhook.test")).forEach(choices::add);
        eventTypes.setItems(choices);
        eventTypes.setWidth("360px");
        description.setId("webhook-description");
        create.setId("create-webhook");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> create());
        HorizontalLayout form = new HorizontalLayout(url, eventTypes, description, create);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.getStyle().set("flex-wrap", "wrap");
        add(
                new H2("Webhooks"),
                new Paragraph("Interlink POSTs signed events (Standard Webhooks) to these URLs and retries for about"
                        + " 28 hours. Signing secrets are shown once."),
                notice,
                empty,
                grid,
                new H2("New endpoint"),
                form,
                deliveries);
        refresh();
    }

    private List<String> catalog() {
        try {
            return platform.webhookEventTypes(AdminSession.requireToken()).stream()
                    .map(WebhookEventType::type)
                    .toList();
        } catch (PlatformProblem problem) {
            Feedback.failed(problem);
            return List.of();
        }
    }

    private HorizontalLayout actions(WebhookEndpoint e) {
        String key = e.id().toString();
        Button show = new Button("Deliveries", x -> deliveries.show(e));
        show.setId("deliveries-" + key);
        Button test = new Button("Send test", x -> test(e));
        test.setId("test-" + key);
        test.setEnabled(e.active());
        Button rotate = new Button("Rotate secret", x -> rotate(e));
        rotate.setId("rotate-" + key);
        Button toggle = new Button(e.active() ? "Disable" : "Enable", x -> setEnabled(e, !e.active()));
        toggle.setId("toggle-" + key);
        Button delete = new Button("Delete", x -> confirmDelete(e));
        delete.setId("delete-" + key);
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        return new HorizontalLayout(show, test, rotate, toggle, delete);
    }

    void refresh() {
        try {
            List<WebhookEndpoint> all = new ArrayList<>();
            String cursor = null;
            do {
                Page<WebhookEndpoint> page = platform.webhookEndpoints(AdminSession.requireToken(), cursor, 200);
                all.addAll(page.result());
                cursor = page.nextCursor();
            } while (cursor != null && all.size() < 2_000);
            grid.setItems(all);
            empty.setVisible(all.isEmpty());
            grid.setVisible(!all.isEmpty());
            List<WebhookEndpoint> failing =
                    all.stream().filter(WebhookEndpoint::disabledByFailures).toList();
            notice.setVisible(!failing.isEmpty());
            notice.setText(
                    failing.isEmpty()
                            ? ""
                            : "Disabled after failures — fix the receiver, then Enable: "
                                    + failing.stream()
                                            .map(f -> f.url() + " (" + f.disabledReason() + ")")
                                            .collect(Collectors.joining("; ")));
        } catch (PlatformProblem problem) {
            Feedback.failed(problem);
        }
    }

    void create() {
        url.setInvalid(false);
        eventTypes.setInvalid(false);
        description.setInvalid(false);
        try {
            CreatedWebhookEndpoint created = platform.createWebhookEndpoint(
                    AdminSession.requireToken(),
                    url.getValue().strip(),
                    List.copyOf(eventTypes.getSelectedItems()),
                    description.getValue());
            url.clear();
            eventTypes.clear();
            description.clear();
            refresh();
            new WebhookSecretDialog(created.endpoint().url(), created.secret(), "").open();
        } catch (PlatformProblem problem) {
            for (FieldError error : problem.errors()) {
                if (error.pointer().equals("/url")) {
                    url.setInvalid(true);
                    url.setErrorMessage(error.detail());
                } else if (error.pointer().startsWith("/event_types")) {
                    eventTypes.setInvalid(true);
                    eventTypes.setErrorMessage(error.detail());
                } else if (error.pointer().equals("/description")) {
                    description.setInvalid(true);
                    description.setErrorMessage(error.detail());
                }
            }
            Feedback.failed(problem);
        }
    }

    void test(WebhookEndpoint e) {
        try {
            platform.sendWebhookTest(AdminSession.requireToken(), e.id());
            deliveries.show(e);
            Feedback.done("Test event queued for " + e.url());
        } catch (PlatformProblem problem) {
            Feedback.failed(problem);
        }
    }

    void rotate(WebhookEndpoint e) {
        try {
            String secret = platform.rotateWebhookSecret(AdminSession.requireToken(), e.id());
            new WebhookSecretDialog(e.url(), secret, "The previous secret keeps signing for 24 hours.").open();
            refresh();
        } catch (PlatformProblem problem) {
            Feedback.failed(problem);
        }
    }

    void setEnabled(WebhookEndpoint e, boolean enabled) {
        try {
            platform.setWebhookEndpointEnabled(AdminSession.requireToken(), e.id(), enabled);
            refresh();
            Feedback.done((enabled ? "Enabled " : "Disabled ") + e.url());
        } catch (PlatformProblem problem) {
            Feedback.failed(problem);
        }
    }

    private void confirmDelete(WebhookEndpoint e) {
        ConfirmDialog confirm = new ConfirmDialog(
                "Delete " + e.url() + "?",
                "Its delivery log and secrets are deleted too. This cannot be undone.",
                "Delete",
                x -> delete(e));
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }

    void delete(WebhookEndpoint e) {
        try {
            platform.deleteWebhookEndpoint(AdminSession.requireToken(), e.id());
            if (deliveries.endpoint() != null && deliveries.endpoint().id().equals(e.id())) {
                deliveries.setVisible(false);
            }
            refresh();
            Feedback.done("Deleted " + e.url());
        } catch (PlatformProblem problem) {
            Feedback.failed(problem);
        }
    }
}
