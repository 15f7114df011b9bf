package dev.interlink.admin.clients;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import dev.interlink.admin.Clipboard;

/** Shows a client secret once, with a copy button. It is not kept anywhere after the dialog closes. */
class SecretDialog extends Dialog {
    SecretDialog(String clientId, String secret) {
        setHeaderTitle("Copy the client secret now");
        TextField id = new TextField("Client id", clientId, "");
        id.setReadOnly(true);
        id.setWidthFull();
        TextField value = new TextField("Client secret", secret, "");
        value.setId("client-secret");
        value.setReadOnly(true);
        value.setWidthFull();
        Button copy = new Button("Copy secret", e -> Clipboard.copy(secret));
        copy.setId("copy-secret");
        add(
                new Paragraph("This is the only time the secret is shown. Store it in your secret manager."),
                id,
                value,
                copy);
        Button close = new Button("I have stored it", e -> close());
        close.setId("close-secret");
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(close);
        setWidth("560px");
    }
}
