package dev.interlink.admin.signin;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;

/**
 * Workspace (the tenant's slug: an email is an admin only within one tenant) + email + password. Fires
 * {@link SignInEvent}; knows nothing about the API.
 */
public class SignInForm extends FormLayout {
    final TextField workspace = new TextField("Workspace");
    final EmailField email = new EmailField("Email");
    final PasswordField password = new PasswordField("Password");
    final Button submit = new Button("Sign in");
    final Div error = new Div();

    public SignInForm() {
        workspace.setId("workspace");
        workspace.setRequiredIndicatorVisible(true);
        workspace.setHelperText("Your company's sign-in name, e.g. acme-recruiting");
        workspace.setAutocomplete(com.vaadin.flow.component.textfield.Autocomplete.ORGANIZATION);
        email.setId("email");
        email.setRequiredIndicatorVisible(true);
        email.setAutocomplete(com.vaadin.flow.component.textfield.Autocomplete.USERNAME);
        password.setId("password");
        password.setRequiredIndicatorVisible(true);
        password.setAutocomplete(com.vaadin.flow.component.textfield.Autocomplete.CURRENT_PASSWORD);
        submit.setId("sign-in");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickShortcut(Key.ENTER);
        submit.addClickListener(e -> submit());
        error.setId("sign-in-error");
        error.addClassName("form-error");
        error.setVisible(false);
        setResponsiveSteps(new ResponsiveStep("0", 1));
        add(workspace, email, password, error, submit);
    }

    /** A workspace given by the sign-in link ({@code /signin?workspace=acme}), so admins need not type it. */
    void presetWorkspace(String slug) {
        workspace.setValue(slug);
    }

    private void submit() {
        if (workspace.getValue().isBlank()
                || email.getValue().isBlank()
                || password.getValue().isEmpty()) {
            showError("Enter your workspace, email and password.");
            return;
        }
        error.setVisible(false);
        fireEvent(new SignInEvent(
                this, workspace.getValue().strip(), email.getValue().strip(), password.getValue()));
    }

    public void showError(String message) {
        error.setText(message);
        error.setVisible(true);
        password.clear();
    }

    public Registration addSignInListener(ComponentEventListener<SignInEvent> listener) {
        return addListener(SignInEvent.class, listener);
    }

    public static class SignInEvent extends ComponentEvent<SignInForm> {
        private final String workspace;
        private final String email;
        private final String password;

        SignInEvent(SignInForm source, String workspace, String email, String password) {
            super(source, false);
            this.workspace = workspace;
            this.email = email;
            this.password = password;
        }

        public String workspace() {
            return workspace;
        }

        public String email() {
            return email;
        }

        public String password() {
            return password;
        }
    }
}
