package dev.interlink.admin.signin;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import dev.interlink.admin.AdminUiTest;
import dev.interlink.admin.api.FakePlatformAdminClient;
import dev.interlink.admin.session.AdminSession;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInViewTest extends AdminUiTest {
    private void signInWith(String email, String password) {
        UI.getCurrent().navigate("signin");
        _setValue(_get(TextField.class, s -> s.withId("workspace")), FakePlatformAdminClient.WORKSPACE);
        _setValue(_get(EmailField.class, s -> s.withId("email")), email);
        _setValue(_get(PasswordField.class, s -> s.withId("password")), password);
        _click(_get(Button.class, s -> s.withId("sign-in")));
    }

    @Test
    void a_screen_opened_without_signing_in_shows_the_sign_in_page() {
        UI.getCurrent().navigate("accounts");

        assertEquals(
                "signin", UI.getCurrent().getInternals().getActiveViewLocation().getPath());
    }

    @Test
    void signing_in_opens_the_overview_with_the_tenant_name_in_the_header() {
        signInWith(FakePlatformAdminClient.EMAIL, FakePlatformAdminClient.PASSWORD);

        assertEquals("", UI.getCurrent().getInternals().getActiveViewLocation().getPath());
        assertEquals(
                "Acme Recruiting",
                _get(Span.class, s -> s.withId("tenant-name")).getText());
    }

    @Test
    void a_wrong_password_stays_on_the_sign_in_page_and_threatens_no_lock_out() {
        signInWith(FakePlatformAdminClient.EMAIL, "wrong password");

        Div error = _get(Div.class, s -> s.withId("sign-in-error"));
        assertTrue(error.getText().contains("Wrong workspace, email or password"));
        // sign-in is throttled, never locked (docs/security.md "Admin sign-in")
        assertTrue(!error.getText().contains("locked"), error.getText());
        assertEquals(
                "signin", UI.getCurrent().getInternals().getActiveViewLocation().getPath());
    }

    @Test
    void a_sign_in_link_with_a_workspace_fills_the_workspace_field() {
        UI.getCurrent().navigate("signin", QueryParameters.of("workspace", "acme-recruiting"));

        assertEquals(
                "acme-recruiting",
                _get(TextField.class, s -> s.withId("workspace")).getValue());
    }

    @Test
    void the_right_email_and_password_in_another_workspace_do_not_sign_in() {
        UI.getCurrent().navigate("signin");
        _setValue(_get(TextField.class, s -> s.withId("workspace")), "other-tenant");
        _setValue(_get(EmailField.class, s -> s.withId("email")), FakePlatformAdminClient.EMAIL);
        _setValue(_get(PasswordField.class, s -> s.withId("password")), FakePlatformAdminClient.PASSWORD);
        _click(_get(Button.class, s -> s.withId("sign-in")));

        assertEquals(
                "signin", UI.getCurrent().getInternals().getActiveViewLocation().getPath());
    }

    @Test
    void an_expired_session_sends_the_admin_to_sign_in_with_an_explanation() {
        signInWith(FakePlatformAdminClient.EMAIL, FakePlatformAdminClient.PASSWORD);
        AdminSession.useClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(16)));
        try {
            UI.getCurrent().navigate("settings");
        } finally {
            AdminSession.useClock(Clock.systemUTC());
        }

        assertEquals(
                "signin", UI.getCurrent().getInternals().getActiveViewLocation().getPath());
        assertTrue(
                _get(Paragraph.class, s -> s.withId("sign-in-notice")).getText().contains("session has ended"));
    }

    @Test
    void signing_out_ends_the_session() {
        signInWith(FakePlatformAdminClient.EMAIL, FakePlatformAdminClient.PASSWORD);

        _click(_get(Button.class, s -> s.withId("sign-out")));
        UI.getCurrent().navigate("api-clients");

        assertEquals(
                "signin", UI.getCurrent().getInternals().getActiveViewLocation().getPath());
    }
}
