package dev.interlink.admin.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SignInFormTest {
    private final List<SignInForm.SignInEvent> events = new ArrayList<>();
    private SignInForm form;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        form = new SignInForm();
        form.addSignInListener(events::add);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void submitting_fires_a_sign_in_event_with_the_trimmed_workspace_and_email_and_the_password() {
        form.workspace.setValue(" acme-recruiting ");
        form.email.setValue("  admin@acme.test ");
        form.password.setValue("secret password");

        form.submit.click();

        assertEquals(1, events.size());
        assertEquals("acme-recruiting", events.get(0).workspace());
        assertEquals("admin@acme.test", events.get(0).email());
        assertEquals("secret password", events.get(0).password());
    }

    @Test
    void an_empty_password_fires_nothing_and_says_what_is_missing() {
        form.workspace.setValue("acme-recruiting");
        form.email.setValue("admin@acme.test");

        form.submit.click();

        assertTrue(events.isEmpty());
        assertTrue(form.error.isVisible());
        assertEquals("Enter your workspace, email and password.", form.error.getText());
    }

    @Test
    void an_empty_workspace_fires_nothing() {
        form.email.setValue("admin@acme.test");
        form.password.setValue("secret password");

        form.submit.click();

        assertTrue(events.isEmpty());
        assertTrue(form.error.isVisible());
    }

    @Test
    void showing_an_error_clears_the_password() {
        form.password.setValue("wrong");

        form.showError("Wrong email or password.");

        assertEquals("", form.password.getValue());
    }
}
