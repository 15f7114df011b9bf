package dev.interlink.admin.clients;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import java.util.List;

/** Name + scopes of a new API client. Fires {@link CreateEvent}. */
public class NewClientForm extends FormLayout {
    /** The scopes platform-api knows (auth/Scopes). */
    public static final List<String> SCOPES = List.of(
            "tenant:read",
            "tenant:write",
            "api_clients:read",
            "api_clients:write",
            "accounts:read",
            "accounts:write",
            "link_tokens:write",
            "oauth_apps:read",
            "oauth_apps:write",
            "unified:read",
            "unified:write",
            "proxy",
            "logs:read");

    final TextField name = new TextField("Name");
    final CheckboxGroup<String> scopes = new CheckboxGroup<>("Scopes");
    final Button create = new Button("Create client");

    public NewClientForm() {
        name.setId("client-name");
        name.setPlaceholder("e.g. production backend");
        name.setMaxLength(200);
        scopes.setId("client-scopes");
        scopes.setItems(SCOPES);
        scopes.setValue(java.util.Set.of("accounts:read", "link_tokens:write", "unified:read"));
        create.setId("create-client");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> submit());
        add(name, scopes, create);
    }

    private void submit() {
        if (name.getValue().isBlank()) {
            name.setInvalid(true);
            name.setErrorMessage("Give the client a name");
            return;
        }
        if (scopes.getValue().isEmpty()) {
            scopes.setInvalid(true);
            scopes.setErrorMessage("Pick at least one scope");
            return;
        }
        name.setInvalid(false);
        scopes.setInvalid(false);
        List<String> chosen =
                SCOPES.stream().filter(scopes.getValue()::contains).toList();
        fireEvent(new CreateEvent(this, name.getValue().strip(), chosen));
    }

    public void clear() {
        name.clear();
    }

    public Registration addCreateListener(ComponentEventListener<CreateEvent> listener) {
        return addListener(CreateEvent.class, listener);
    }

    public static class CreateEvent extends ComponentEvent<NewClientForm> {
        private final String name;
        private final List<String> scopes;

        CreateEvent(NewClientForm source, String name, List<String> scopes) {
            super(source, false);
            this.name = name;
            this.scopes = scopes;
        }

        public String name() {
            return name;
        }

        public List<String> scopes() {
            return scopes;
        }
    }
}
