package dev.interlink.admin.webhooks;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import dev.interlink.admin.api.Dtos.WebhookAttempt;
import dev.interlink.admin.api.Dtos.WebhookDelivery;
import java.util.Map;
import java.util.stream.Collectors;

/** One delivery: what was sent (headers incl. signature, body), every attempt and its answer, and Retry. */
class DeliveryDialog extends Dialog {
    final Grid<WebhookAttempt> attempts = new Grid<>();

    DeliveryDialog(WebhookDelivery d, Runnable retry) {
        setHeaderTitle(d.eventType() + " · " + d.status());
        Paragraph ids = new Paragraph("webhook-id " + d.eventId() + " · delivery " + d.id()
                + (d.nextAttemptAt() == null ? "" : " · next attempt " + WebhooksView.TIME.format(d.nextAttemptAt())));
        ids.addClassName("muted");
        attempts.setId("delivery-attempts");
        attempts.addColumn(a -> WebhooksView.TIME.format(a.attemptedAt()))
                .setHeader("Attempted (UTC)")
                .setAutoWidth(true);
        attempts.addColumn(a -> a.statusCode() == null ? "—" : a.statusCode().toString())
                .setHeader("Status")
                .setAutoWidth(true);
        attempts.addColumn(a -> a.durationMs() + " ms").setHeader("Duration").setAutoWidth(true);
        attempts.addColumn(a -> a.error() != null ? a.error() : a.responseExcerpt())
                .setHeader("Answer (first 1 KB) or error")
                .setFlexGrow(1);
        attempts.setItems(d.attempts());
        attempts.setAllRowsVisible(true);
        Map<String, String> sent = d.request() == null ? null : d.request().headers();
        TextArea headers = new TextArea("Request headers");
        headers.setId("delivery-headers");
        headers.setReadOnly(true);
        headers.setWidthFull();
        headers.setValue(
                sent == null
                        ? "(not attempted yet)"
                        : sent.entrySet().stream()
                                .map(e -> e.getKey() + ": " + e.getValue())
                                .collect(Collectors.joining("\n")));
        TextArea body = new TextArea("Request body");
        body.setId("delivery-body");
        body.setReadOnly(true);
        body.setWidthFull();
        body.setValue(d.request() == null ? "" : d.request().body());
        add(ids, attempts, headers, body);
        Button again = new Button("Retry", e -> {
            retry.run();
            close();
        });
        again.setId("retry-delivery");
        again.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button close = new Button("Close", e -> close());
        getFooter().add(close, again);
        setWidth("900px");
    }
}
