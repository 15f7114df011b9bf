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
import com.vaadin.flow.shared.Registration;

/** Email + password. Fires {@link SignInEvent}; knows nothing about the API. */
public class SignInForm extends FormLayout {
    final EmailField email = new EmailField("Email");
    final PasswordField password = new PasswordField("Password");
    final Button submit = new Button("Sign in");
    final Div error = new Div();

    public SignInForm() {
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
        add(email, password, error, submit);
    }

    private void submit() {
        if (email.getValue().isBlank() || password.getValue().isEmpty()) {
            showError("Enter your email and password.");
            return;
        }
        error.setVisible(false);
        fireEvent(new SignInEvent(this, email.getValue().strip(), password.getValue()));
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
        private final String email;
        private final String password;

        SignInEvent(SignInForm source, String email, String password) {
            super(source, false);
            this.email = email;
            this.password = password;
        }

        public String email() {
            return email;
        }

        public String password() {
            return password;
        }
    }
}
