package dev.interlink.link.form;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.interlink.link.api.FakePlatformLinkClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CredentialFormTest {
    private final List<CredentialForm.SubmitEvent> events = new ArrayList<>();
    private CredentialForm form;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    private void render(dev.interlink.link.api.ProviderInfo provider) {
        form = new CredentialForm(provider, "Connect");
        form.addSubmitListener(events::add);
        UI.getCurrent().add(form);
    }

    @Test
    void secret_fields_are_masked_password_fields_with_label_help_and_required_marker() {
        render(FakePlatformLinkClient.cats());

        PasswordField apiKey = _get(PasswordField.class, spec -> spec.withId("api_key"));
        assertEquals("API key", apiKey.getLabel());
        assertEquals("In CATS: Settings › Administration › API › API keys.", apiKey.getHelperText());
        assertTrue(apiKey.isRequiredIndicatorVisible());
    }

    @Test
    void non_secret_fields_are_text_fields_and_defaults_are_prefilled() {
        render(FakePlatformLinkClient.loxo());

        assertInstanceOf(TextField.class, _get(TextField.class, spec -> spec.withId("agency_slug")));
        TextField domain = _get(TextField.class, spec -> spec.withId("domain"));
        assertEquals("app.loxo.co", domain.getValue());
        assertFalse(domain.isRequiredIndicatorVisible());
    }

    @Test
    void a_value_that_does_not_match_the_pattern_is_flagged_as_you_type() {
        render(FakePlatformLinkClient.cats());
        PasswordField apiKey = _get(PasswordField.class, spec -> spec.withId("api_key"));

        _setValue(apiKey, "short");

        assertTrue(apiKey.isInvalid());
        assertTrue(apiKey.getErrorMessage().contains("valid API key"));
    }

    @Test
    void fixing_the_value_clears_the_pattern_error() {
        render(FakePlatformLinkClient.cats());
        PasswordField apiKey = _get(PasswordField.class, spec -> spec.withId("api_key"));
        _setValue(apiKey, "short");

        _setValue(apiKey, "long-enough-key");

        assertFalse(apiKey.isInvalid());
    }

    @Test
    void an_empty_required_field_blocks_submit_and_says_what_is_missing() {
        render(FakePlatformLinkClient.cats());

        _click(_get(Button.class, spec -> spec.withId("submit")));

        assertTrue(events.isEmpty());
        PasswordField apiKey = _get(PasswordField.class, spec -> spec.withId("api_key"));
        assertTrue(apiKey.isInvalid());
        assertEquals("Enter your API key.", apiKey.getErrorMessage());
    }

    @Test
    void submit_fires_an_event_with_the_trimmed_values_by_field_name() {
        render(FakePlatformLinkClient.loxo());
        _setValue(_get(TextField.class, spec -> spec.withId("agency_slug")), " acme ");
        _setValue(_get(PasswordField.class, spec -> spec.withId("api_key")), "secret-key-123");

        _click(_get(Button.class, spec -> spec.withId("submit")));

        assertEquals(1, events.size());
        assertEquals("loxo", events.get(0).provider());
        assertEquals(
                Map.of("agency_slug", "acme", "api_key", "secret-key-123", "domain", "app.loxo.co"),
                events.get(0).credentials());
    }

    @Test
    void empty_optional_fields_are_left_out_of_the_event() {
        render(FakePlatformLinkClient.loxo());
        _setValue(_get(TextField.class, spec -> spec.withId("agency_slug")), "acme");
        _setValue(_get(PasswordField.class, spec -> spec.withId("api_key")), "secret-key-123");
        _setValue(_get(TextField.class, spec -> spec.withId("domain")), "");

        _click(_get(Button.class, spec -> spec.withId("submit")));

        assertFalse(events.get(0).credentials().containsKey("domain"));
    }

    @Test
    void the_event_never_prints_credential_values() {
        render(FakePlatformLinkClient.cats());
        _setValue(_get(PasswordField.class, spec -> spec.withId("api_key")), "secret-key-123");

        _click(_get(Button.class, spec -> spec.withId("submit")));

        assertFalse(events.get(0).toString().contains("secret-key-123"));
    }

    @Test
    void while_busy_the_button_is_disabled_and_progress_is_shown() {
        render(FakePlatformLinkClient.cats());

        form.setBusy(true);

        assertFalse(_get(Button.class, spec -> spec.withId("submit")).isEnabled());
        assertTrue(_get(Div.class, spec -> spec.withId("checking")).isVisible());
        assertTrue(_get(PasswordField.class, spec -> spec.withId("api_key")).isReadOnly());
    }

    @Test
    void clearing_secrets_keeps_the_other_fields() {
        render(FakePlatformLinkClient.loxo());
        _setValue(_get(TextField.class, spec -> spec.withId("agency_slug")), "acme");
        _setValue(_get(PasswordField.class, spec -> spec.withId("api_key")), "secret-key-123");

        form.clearSecrets();

        assertEquals(
                "", _get(PasswordField.class, spec -> spec.withId("api_key")).getValue());
        assertEquals(
                "acme",
                _get(TextField.class, spec -> spec.withId("agency_slug")).getValue());
    }
}
