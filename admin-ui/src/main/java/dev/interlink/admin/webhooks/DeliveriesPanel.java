package dev.interlink.admin.webhooks;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.interlink.admin.api.CursorPager;
import dev.interlink.admin.api.Dtos.DeliveryQuery;
import dev.interlink.admin.api.Dtos.WebhookDelivery;
import dev.interlink.admin.api.Dtos.WebhookEndpoint;
import dev.interlink.admin.api.PlatformAdminClient;
import dev.interlink.admin.api.PlatformProblem;
import dev.interlink.admin.session.AdminSession;
import dev.interlink.admin.session.Feedback;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

/** One endpoint's delivery log: filter by status and event type, open a delivery, retry it, replay since a time. */
class DeliveriesPanel extends VerticalLayout {
    private final PlatformAdminClient platform;
    final H3 title = new H3();
    final ComboBox<String> status = new ComboBox<>("Status", "pending", "succeeded", "failed");
    final ComboBox<String> eventType = new ComboBox<>("Event type");
    final Grid<WebhookDelivery> grid = new Grid<>();
    final Div empty = new Div();
    final DateTimePicker since = new DateTimePicker("Replay since (UTC)");
    final Button replay = new Button("Replay");
    private WebhookEndpoint endpoint;
    private CursorPager<WebhookDelivery> pager;
    private DeliveryQuery pagerQuery;

    DeliveriesPanel(PlatformAdminClient platform, List<String> eventTypes) {
        this.platform = platform;
        status.setId("delivery-status");
        status.setClearButtonVisible(true);
        eventType.setId("delivery-event-type");
        eventType.setItems(eventTypes);
        eventType.setClearButtonVisible(true);
        status.addValueChangeListener(e -> reload());
        eventType.addValueChangeListener(e -> reload());
        grid.setId("webhook-deliveries");
        grid.addColumn(d -> WebhooksView.TIME.format(d.createdAt()))
                .setHeader("Created (UTC)")
                .setAutoWidth(true);
        grid.addColumn(WebhookDelivery::eventType).setHeader("Event type").setAutoWidth(true);
        grid.addColumn(WebhookDelivery::status).setHeader("Status").setAutoWidth(true);
        grid.addColumn(WebhookDelivery::attemptCount).setHeader("Attempts").setAutoWidth(true);
        grid.addColumn(d -> d.lastStatusCode() == null
                        ? (d.lastError() == null ? "" : d.lastError())
                        : "HTTP " + d.lastStatusCode())
                .setHeader("Last answer")
                .setFlexGrow(1);
        grid.addColumn(d -> d.nextAttemptAt() == null ? "" : WebhooksView.TIME.format(d.nextAttemptAt()))
                .setHeader("Next retry (UTC)")
                .setAutoWidth(true);
        grid.addColumn(WebhookDelivery::eventId).setHeader("webhook-id").setAutoWidth(true);
        grid.setItems(q -> fetch(q.getOffset(), q.getLimit()));
        grid.addItemClickListener(e -> open(e.getItem()));
        grid.setHeight("360px");
        empty.setId("deliveries-empty");
        empty.addClassName("empty");
        empty.setText("No deliveries yet. Send a test event to try the endpoint.");
        since.setId("replay-since");
        replay.setId("replay");
        replay.addClickListener(e -> replay());
        HorizontalLayout filters = new HorizontalLayout(status, eventType);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        HorizontalLayout replayRow = new HorizontalLayout(since, replay);
        replayRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(title, filters, empty, grid, replayRow);
        setPadding(false);
        setVisible(false);
    }

    void show(WebhookEndpoint e) {
        endpoint = e;
        title.setText("Deliveries to " + e.url());
        setVisible(true);
        reload();
    }

    WebhookEndpoint endpoint() {
        return endpoint;
    }

    DeliveryQuery query() {
        return new DeliveryQuery(status.getValue(), eventType.getValue());
    }

    private Stream<WebhookDelivery> fetch(int offset, int limit) {
        if (endpoint == null) {
            return Stream.empty();
        }
        DeliveryQuery q = query();
        if (pager == null || !q.equals(pagerQuery)) {
            String token = AdminSession.requireToken();
            WebhookEndpoint e = endpoint;
            pager = new CursorPager<>((cursor, size) -> platform.webhookDeliveries(token, e.id(), q, cursor, size), 50);
            pagerQuery = q;
        }
        try {
            List<WebhookDelivery> rows = pager.rows(offset, limit).toList();
            if (offset == 0) {
                empty.setVisible(rows.isEmpty());
            }
            return rows.stream();
        } catch (PlatformProblem problem) {
            Feedback.failed(problem);
            return Stream.empty();
        }
    }

    void reload() {
        pager = null;
        grid.getDataProvider().refreshAll();
    }

    void open(WebhookDelivery row) {
        try {
            WebhookDelivery d = platform.webhookDelivery(AdminSession.requireToken(), row.id());
            new DeliveryDialog(d, () -> retry(d)).open();
        } catch (PlatformProblem problem) {
            Feedback.failed(problem);
        }
    }

    void retry(WebhookDelivery d) {
        try {
            platform.retryWebhookDelivery(AdminSession.requireToken(), d.id());
            reload();
            Feedback.done("Queued again with the same webhook-id");
        } catch (PlatformProblem problem) {
            Feedback.failed(problem);
        }
    }

    void replay() {
        LocalDateTime from = since.getValue();
        if (from == null) {
            Feedback.error("Pick the time to replay from");
            return;
        }
        try {
            int n = platform.replayWebhookEvents(
                    AdminSession.requireToken(), endpoint.id(), from.toInstant(ZoneOffset.UTC));
            reload();
            Feedback.done(n + " event(s) queued again");
        } catch (PlatformProblem problem) {
            Feedback.failed(problem);
        }
    }
}
