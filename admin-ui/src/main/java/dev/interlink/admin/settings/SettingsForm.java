package dev.interlink.admin.settings;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import dev.interlink.admin.api.Dtos.FieldError;
import dev.interlink.admin.api.Dtos.TenantSettings;
import java.util.Arrays;
import java.util.List;

/**
 * Display name + allowed origins (one per line). Fires {@link SaveEvent}; shows the API's field errors
 * ({@code /display_name}, {@code /allowed_origins/<i>}) next to the fields.
 */
public class SettingsForm extends FormLayout {
    final TextField displayName = new TextField("Display name");
    final TextArea origins = new TextArea("Allowed origins for the link widget");
    final Button save = new Button("Save");

    public SettingsForm() {
        displayName.setId("display-name");
        displayName.setMaxLength(200);
        origins.setId("allowed-origins");
        origins.setHelperText("One per line, exactly scheme://host[:port], e.g. https://app.example.com");
        save.setId("save-settings");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> submit());
        setResponsiveSteps(new ResponsiveStep("0", 1));
        add(displayName, origins, save);
    }

    public void show(TenantSettings settings) {
        displayName.setValue(settings.displayName() == null ? "" : settings.displayName());
        origins.setValue(String.join("\n", settings.allowedOrigins()));
        clearErrors();
    }

    List<String> originList() {
        return Arrays.stream(origins.getValue().split("\\R"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private void submit() {
        clearErrors();
        if (displayName.getValue().isBlank()) {
            displayName.setInvalid(true);
            displayName.setErrorMessage("A display name is required");
            return;
        }
        fireEvent(new SaveEvent(this, displayName.getValue().strip(), originList()));
    }

    public void showErrors(List<FieldError> errors) {
        List<String> lines = originList();
        StringBuilder originErrors = new StringBuilder();
        for (FieldError e : errors) {
            if (e.pointer().startsWith("/display_name")) {
                displayName.setInvalid(true);
                displayName.setErrorMessage(e.detail());
            } else if (e.pointer().startsWith("/allowed_origins")) {
                String[] parts = e.pointer().split("/");
                String which = "";
                if (parts.length > 2) {
                    int i = Integer.parseInt(parts[2]);
                    which = i < lines.size() ? lines.get(i) + ": " : "line " + (i + 1) + ": ";
                }
                originErrors
                        .append(originErrors.isEmpty() ? "" : "; ")
                        .append(which)
                        .append(e.detail());
            }
        }
        if (!originErrors.isEmpty()) {
            origins.setInvalid(true);
            origins.setErrorMessage(originErrors.toString());
        }
    }

    private void clearErrors() {
        displayName.setInvalid(false);
        origins.setInvalid(false);
    }

    public Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    public static class SaveEvent extends ComponentEvent<SettingsForm> {
        private final String displayName;
        private final List<String> allowedOrigins;

        SaveEvent(SettingsForm source, String displayName, List<String> allowedOrigins) {
            super(source, false);
            this.displayName = displayName;
            this.allowedOrigins = allowedOrigins;
        }

        public String displayName() {
            return displayName;
        }

        public List<String> allowedOrigins() {
            return allowedOrigins;
        }
    }
}
