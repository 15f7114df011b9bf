package dev.interlink.admin.webhooks;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import dev.interlink.admin.Clipboard;

/** Shows an endpoint's signing secret once, with a copy button. It is not kept after the dialog closes. */
class WebhookSecretDialog extends Dialog {
    WebhookSecretDialog(String url, String secret, String note) {
        setHeaderTitle("Copy the signing secret now");
        TextField endpoint = new TextField("Endpoint", url, "");
        endpoint.setReadOnly(true);
        endpoint.setWidthFull();
        TextField value = new TextField("Signing secret", secret, "");
        value.setId("webhook-secret");
        value.setReadOnly(true);
        value.setWidthFull();
        Button copy = new Button("Copy secret", e -> Clipboard.copy(secret));
        copy.setId("copy-webhook-secret");
        add(
                new Paragraph("This is the only time the secret is shown. Your receiver verifies every webhook with it"
                        + " (Standard Webhooks). " + note),
                endpoint,
                value,
                copy);
        Button close = new Button("I have stored it", e -> close());
        close.setId("close-webhook-secret");
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(close);
        setWidth("600px");
    }
}
