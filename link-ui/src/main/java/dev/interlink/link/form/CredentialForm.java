package dev.interlink.link.form;

import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldBase;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.shared.Registration;
import dev.interlink.link.api.CatalogField;
import dev.interlink.link.api.ProviderInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The credential form of one provider, rendered from its catalog fields. It validates as the user types
 * (required, regex pattern) and fires a {@link SubmitEvent}; it knows nothing about platform-api.
 *
 * <p>Secret fields are {@link PasswordField}s. Each input gets {@code id} = the catalog field name (stable ids
 * for browser tests); the button is {@code id="submit"}; form-level messages go to {@code id="form-error"}.
 */
public class CredentialForm extends Composite<Div> {
    private final ProviderInfo provider;
    private final List<Input> inputs = new ArrayList<>();
    private final Div message = new Div();
    private final Button submit;
    private final Div progress = new Div();
    private boolean busy;

    public CredentialForm(ProviderInfo provider, String submitLabel) {
        this.provider = provider;
        Div root = getContent();
        root.addClassName("credential-form");

        Div fields = new Div();
        fields.addClassName("credential-fields");
        for (CatalogField field : provider.fields()) {
            Input input = new Input(field, createField(field));
            inputs.add(input);
            fields.add(input.component());
        }

        message.setId("form-error");
        message.addClassName("form-message");
        message.getElement().setAttribute("role", "alert");
        message.setVisible(false);

        submit = new Button(submitLabel, e -> submit());
        submit.setId("submit");
        submit.addClassName("submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        submit.setDisableOnClick(true);
        // Enter in any field submits; blur first so the field's pending value reaches the server.
        submit.addClickShortcut(Key.ENTER).listenOn(root).resetFocusOnActiveElement();

        ProgressBar bar = new ProgressBar();
        bar.setIndeterminate(true);
        bar.getElement().setAttribute("aria-label", "Checking");
        Span checking = new Span("Checking your credentials with " + provider.name() + "…");
        progress.setId("checking");
        progress.addClassName("checking");
        progress.getElement().setAttribute("role", "status");
        progress.add(bar, checking);
        progress.setVisible(false);

        root.add(fields, message, submit, progress);
    }

    public ProviderInfo provider() {
        return provider;
    }

    public Registration addSubmitListener(ComponentEventListener<SubmitEvent> listener) {
        return addListener(SubmitEvent.class, listener);
    }

    /** Validates every field and, when all are fine, fires a {@link SubmitEvent}. */
    public void submit() {
        if (busy) {
            return;
        }
        hideMessage();
        boolean valid = true;
        Input firstInvalid = null;
        for (Input input : inputs) {
            if (!input.validate(true)) {
                valid = false;
                if (firstInvalid == null) {
                    firstInvalid = input;
                }
            }
        }
        if (!valid) {
            firstInvalid.field().focus();
            submit.setEnabled(true);
            return;
        }
        Map<String, String> credentials = new LinkedHashMap<>();
        for (Input input : inputs) {
            String value = input.value();
            if (!value.isEmpty()) {
                credentials.put(input.catalog().name(), value);
            }
        }
        fireEvent(new SubmitEvent(this, provider.id(), credentials));
    }

    /** While platform-api checks the credentials: inputs read-only, button disabled, progress shown. */
    public void setBusy(boolean busy) {
        this.busy = busy;
        inputs.forEach(i -> i.field().setReadOnly(busy));
        submit.setEnabled(!busy);
        progress.setVisible(busy);
        if (busy) {
            hideMessage();
        }
    }

    public boolean isBusy() {
        return busy;
    }

    /** Shows a form-level message (e.g. the provider's reason for refusing the credentials). */
    public void showMessage(Div content) {
        message.removeAll();
        message.add(content);
        message.setVisible(true);
    }

    public void showMessage(String text) {
        Div content = new Div();
        content.setText(text);
        showMessage(content);
    }

    public void hideMessage() {
        message.removeAll();
        message.setVisible(false);
    }

    /** Marks one field invalid with a server-side reason, e.g. from a problem's {@code errors[]}. */
    public boolean showFieldError(String fieldName, String detail) {
        return find(fieldName)
                .map(input -> {
                    input.field().setErrorMessage(detail);
                    input.field().setInvalid(true);
                    return true;
                })
                .orElse(false);
    }

    /** Empties the secret fields (after a refused submit, so the user types them again). */
    public void clearSecrets() {
        inputs.stream().filter(i -> i.catalog().secret()).forEach(Input::clear);
    }

    /** Empties every field (after a successful submit nothing typed stays in the session). */
    public void clearAll() {
        inputs.forEach(Input::clear);
    }

    public void focusFirstField() {
        inputs.stream().findFirst().ifPresent(i -> i.field().focus());
    }

    public void focusFirstSecret() {
        inputs.stream()
                .filter(i -> i.catalog().secret())
                .findFirst()
                .or(() -> inputs.stream().findFirst())
                .ifPresent(i -> i.field().focus());
    }

    Optional<Input> find(String name) {
        return inputs.stream().filter(i -> i.catalog().name().equals(name)).findFirst();
    }

    private static TextFieldBase<?, String> createField(CatalogField catalog) {
        TextFieldBase<?, String> field;
        if (catalog.secret()) {
            PasswordField password = new PasswordField();
            password.setRevealButtonVisible(true);
            password.getElement().setAttribute("autocomplete", "off");
            field = password;
        } else {
            TextField text = new TextField();
            text.getElement().setAttribute("autocomplete", "off");
            if (catalog.defaultValue() != null) {
                text.setValue(catalog.defaultValue());
            }
            field = text;
        }
        field.setId(catalog.name());
        field.setLabel(catalog.displayLabel());
        field.setWidthFull();
        field.setRequiredIndicatorVisible(catalog.required());
        field.getElement().setAttribute("spellcheck", "false");
        field.getElement().setAttribute("autocapitalize", "off");
        if (catalog.helpText() != null && !catalog.helpText().isBlank()) {
            field.setHelperText(catalog.helpText());
        }
        if (!catalog.required()) {
            field.setPlaceholder(catalog.defaultValue() != null ? catalog.defaultValue() : "Optional");
        }
        field.setValueChangeMode(ValueChangeMode.LAZY);
        field.setValueChangeTimeout(250);
        return field;
    }

    /** A catalog field and the component that edits it. */
    static final class Input {
        private final CatalogField catalog;
        private final TextFieldBase<?, String> field;
        private final Pattern pattern;

        Input(CatalogField catalog, TextFieldBase<?, String> field) {
            this.catalog = catalog;
            this.field = field;
            this.pattern = compile(catalog.pattern());
            ((AbstractField<?, String>) field).addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    validate(false);
                }
            });
        }

        CatalogField catalog() {
            return catalog;
        }

        TextFieldBase<?, String> field() {
            return field;
        }

        com.vaadin.flow.component.Component component() {
            return field;
        }

        String value() {
            String value = field.getValue();
            return value == null ? "" : value.trim();
        }

        void clear() {
            field.clear();
            field.setInvalid(false);
        }

        /** Returns true when the value is acceptable; {@code submitting} also reports a missing value. */
        boolean validate(boolean submitting) {
            String value = value();
            String error = null;
            if (value.isEmpty()) {
                if (catalog.required() && submitting) {
                    error = "Enter your " + lowerFirst(catalog.displayLabel()) + ".";
                }
            } else if (pattern != null && !pattern.matcher(value).matches()) {
                error = "This doesn't look like a valid " + lowerFirst(catalog.displayLabel())
                        + ". Check that you copied all of it.";
            }
            field.setErrorMessage(error);
            field.setInvalid(error != null);
            return error == null;
        }

        private static Pattern compile(String regex) {
            if (regex == null || regex.isBlank()) {
                return null;
            }
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                return null; // platform-api validates too; a bad catalog pattern must not block the form
            }
        }

        private static String lowerFirst(String label) {
            // "API key" stays "API key"; "Agency slug" becomes "agency slug"
            if (label.length() > 1 && Character.isUpperCase(label.charAt(1))) {
                return label;
            }
            return label.substring(0, 1).toLowerCase(Locale.ROOT) + label.substring(1);
        }
    }

    /** Fired with the typed values, keyed by catalog field name. The listener owns (and must clear) the map. */
    public static final class SubmitEvent extends ComponentEvent<CredentialForm> {
        private final String provider;
        private final Map<String, String> credentials;

        SubmitEvent(CredentialForm source, String provider, Map<String, String> credentials) {
            super(source, false);
            this.provider = provider;
            this.credentials = credentials;
        }

        public String provider() {
            return provider;
        }

        /** Mutable on purpose: call {@code clear()} once the values have been sent. */
        public Map<String, String> credentials() {
            return credentials;
        }

        public Map<String, String> credentialsView() {
            return Collections.unmodifiableMap(credentials);
        }

        @Override
        public String toString() {
            return "SubmitEvent[provider=" + provider + ", fields=" + credentials.keySet() + "]"; // never the values
        }
    }
}
