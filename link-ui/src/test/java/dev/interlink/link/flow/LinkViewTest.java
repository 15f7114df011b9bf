package dev.interlink.link.flow;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static dev.interlink.link.api.FakePlatformLinkClient.cats;
import static dev.interlink.link.api.FakePlatformLinkClient.loxo;
import static dev.interlink.link.api.FakePlatformLinkClient.session;
import static dev.interlink.link.api.FakePlatformLinkClient.simple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.interlink.link.api.CreatedAccount;
import dev.interlink.link.api.FakePlatformLinkClient;
import dev.interlink.link.api.Problem;
import dev.interlink.link.api.ProblemCode;
import dev.interlink.link.web.TokenOrigins;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LinkViewTest {
    private final FakePlatformLinkClient platform = new FakePlatformLinkClient();

    @BeforeEach
    void setUp() {
        MockVaadin.setup(); // no routes: each test opens its own view with a fake platform (see LinkRouteTest)
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    private void open(String token) {
        LinkView view =
                new LinkView(platform, BackgroundWork.inline(), new TokenOrigins(Clock.systemUTC(), 10, Duration.ZERO));
        UI.getCurrent().add(view);
        view.open(token);
    }

    private static Div errorPage() {
        return _get(Div.class, spec -> spec.withId("link-error"));
    }

    private static void typeApiKey(String value) {
        _setValue(_get(PasswordField.class, spec -> spec.withId("api_key")), value);
    }

    private static void submit() {
        _click(_get(Button.class, spec -> spec.withId("submit")));
    }

    @Test
    void an_expired_token_shows_a_friendly_page_that_says_to_ask_for_a_new_link() {
        platform.tokenProblem("old", ProblemCode.TOKEN_EXPIRED);

        open("old");

        assertEquals(ProblemCode.TOKEN_EXPIRED, errorPage().getElement().getAttribute("data-code"));
        assertEquals("This link has expired", _get(H1.class).getText());
        assertTrue(errorPage().getElement().getTextRecursively().contains("get a new link"));
    }

    @Test
    void a_consumed_token_says_the_link_was_already_used() {
        platform.tokenProblem("used", ProblemCode.TOKEN_CONSUMED);

        open("used");

        assertEquals("This link has already been used", _get(H1.class).getText());
    }

    @Test
    void an_unknown_token_says_the_link_is_not_valid() {
        open("nonsense");

        assertEquals(ProblemCode.TOKEN_INVALID, errorPage().getElement().getAttribute("data-code"));
        assertEquals("This link isn't valid", _get(H1.class).getText());
    }

    @Test
    void the_tenant_name_is_shown() {
        platform.session("tok", session(cats()));

        open("tok");

        assertEquals(
                "Acme Recruiting",
                _get(com.vaadin.flow.component.html.Span.class, s -> s.withId("tenant-name"))
                        .getText());
    }

    @Test
    void a_single_allowed_provider_goes_straight_to_its_form() {
        platform.session("tok", session(cats()));

        open("tok");

        _get(PasswordField.class, spec -> spec.withId("api_key"));
        _assertNone(Div.class, spec -> spec.withId("providers"));
        _assertNone(Button.class, spec -> spec.withId("back"));
    }

    @Test
    void several_providers_are_listed_without_a_search_box() {
        platform.session("tok", session(cats(), loxo()));

        open("tok");

        _get(NativeButton.class, spec -> spec.withId("provider-cats"));
        _get(NativeButton.class, spec -> spec.withId("provider-loxo"));
        _assertNone(TextField.class, spec -> spec.withId("provider-search"));
    }

    @Test
    void choosing_a_provider_opens_its_form_and_back_returns_to_the_list() {
        platform.session("tok", session(cats(), loxo()));
        open("tok");

        _click(_get(NativeButton.class, spec -> spec.withId("provider-loxo")));
        _get(TextField.class, spec -> spec.withId("agency_slug"));
        _click(_get(Button.class, spec -> spec.withId("back")));

        _get(NativeButton.class, spec -> spec.withId("provider-cats"));
    }

    @Test
    void more_than_six_providers_get_a_search_box_that_filters_the_list() {
        platform.session(
                "tok",
                session(
                        cats(),
                        loxo(),
                        simple("greenhouse", "Greenhouse"),
                        simple("lever", "Lever"),
                        simple("workable", "Workable"),
                        simple("ashby", "Ashby"),
                        simple("recruitee", "Recruitee")));
        open("tok");

        _setValue(_get(TextField.class, spec -> spec.withId("provider-search")), "green");

        assertEquals(
                1,
                _find(NativeButton.class, spec -> spec.withClasses("provider-tile"))
                        .size());
        _get(NativeButton.class, spec -> spec.withId("provider-greenhouse"));
    }

    @Test
    void a_search_without_match_says_so() {
        platform.session(
                "tok",
                session(
                        cats(),
                        loxo(),
                        simple("a", "A"),
                        simple("b", "B"),
                        simple("c", "C"),
                        simple("d", "D"),
                        simple("e", "E")));
        open("tok");

        _setValue(_get(TextField.class, spec -> spec.withId("provider-search")), "zzz");

        assertTrue(_get(com.vaadin.flow.component.html.Paragraph.class, s -> s.withId("no-providers-match"))
                .getText()
                .contains("zzz"));
    }

    @Test
    void valid_credentials_lead_to_the_success_screen() {
        platform.session("tok", session(cats()));
        open("tok");
        typeApiKey("cats-key-123");

        submit();

        Div success = _get(Div.class, spec -> spec.withId("success"));
        assertTrue(success.getElement().getTextRecursively().contains("CATS is connected"));
        assertEquals(Map.of("api_key", "cats-key-123"), platform.submitted.get(0));
    }

    @Test
    void credentials_are_cleared_after_a_successful_submit() {
        platform.session("tok", session(cats()));
        open("tok");
        PasswordField apiKey = _get(PasswordField.class, spec -> spec.withId("api_key"));
        typeApiKey("cats-key-123");

        submit();

        assertTrue(platform.handedOver.get(0).isEmpty(), "the map handed to the client is emptied");
        assertEquals("", apiKey.getValue(), "the field no longer holds the secret");
        _assertNone(PasswordField.class);
    }

    @Test
    void bad_credentials_keep_the_form_and_show_the_providers_reason() {
        platform.session("tok", session(cats()))
                .failNextSubmit(422, ProblemCode.CREDENTIALS_INVALID, "The API key has been revoked.");
        open("tok");
        typeApiKey("cats-key-123");

        submit();

        Div message = _get(Div.class, spec -> spec.withId("form-error"));
        assertTrue(message.getElement().getTextRecursively().contains("CATS didn't accept these credentials"));
        assertTrue(message.getElement().getTextRecursively().contains("The API key has been revoked."));
        assertTrue(_get(Button.class, spec -> spec.withId("submit")).isEnabled());
    }

    @Test
    void bad_credentials_clear_the_secret_fields() {
        platform.session("tok", session(cats()))
                .failNextSubmit(422, ProblemCode.CREDENTIALS_INVALID, "The API key has been revoked.");
        open("tok");
        typeApiKey("cats-key-123");

        submit();

        assertEquals(
                "", _get(PasswordField.class, spec -> spec.withId("api_key")).getValue());
        assertTrue(platform.handedOver.get(0).isEmpty());
    }

    @Test
    void a_provider_outage_offers_a_retry_that_resubmits() {
        platform.session("tok", session(cats()))
                .failNextSubmit(502, ProblemCode.REMOTE_UNAVAILABLE, "upstream timeout");
        open("tok");
        typeApiKey("cats-key-123");
        submit();

        _click(_get(Button.class, spec -> spec.withId("retry")));

        _get(Div.class, spec -> spec.withId("success"));
        assertEquals(Map.of("api_key", "cats-key-123"), platform.submitted.get(1));
    }

    @Test
    void field_errors_from_platform_api_are_shown_on_their_field() {
        platform.session("tok", session(cats()))
                .failNextSubmit(
                        400,
                        ProblemCode.INPUT_INVALID,
                        "Invalid input",
                        new Problem.FieldError("/credentials/api_key", "Must not contain spaces."));
        open("tok");
        typeApiKey("cats-key-123");

        submit();

        PasswordField apiKey = _get(PasswordField.class, spec -> spec.withId("api_key"));
        assertTrue(apiKey.isInvalid());
        assertEquals("Must not contain spaces.", apiKey.getErrorMessage());
    }

    @Test
    void a_token_that_expires_while_typing_shows_the_expired_page() {
        platform.session("tok", session(cats())).failNextSubmit(401, ProblemCode.TOKEN_EXPIRED, null);
        open("tok");
        typeApiKey("cats-key-123");

        submit();

        assertEquals(ProblemCode.TOKEN_EXPIRED, errorPage().getElement().getAttribute("data-code"));
    }

    @Test
    void too_many_attempts_asks_to_wait() {
        platform.session("tok", session(cats())).failNextSubmit(429, ProblemCode.TOO_MANY_ATTEMPTS, null);
        open("tok");
        typeApiKey("cats-key-123");

        submit();

        assertTrue(_get(Div.class, spec -> spec.withId("form-error"))
                .getElement()
                .getTextRecursively()
                .contains("Too many attempts"));
    }

    @Test
    void reauthorization_says_reconnect_and_keeps_the_account() {
        platform.session("tok", FakePlatformLinkClient.reauthSession(cats(), "ia_123"));

        open("tok");

        assertEquals("Reconnect your CATS account", _get(H1.class).getText());
        assertEquals(
                "Reconnect", _get(Button.class, spec -> spec.withId("submit")).getText());
    }

    @Test
    void a_successful_reauthorization_says_reconnected() {
        platform.session("tok", FakePlatformLinkClient.reauthSession(cats(), "ia_123"))
                .answer(c -> new CreatedAccount("ia_123", "cats", "active", true));
        open("tok");
        typeApiKey("cats-key-123");

        submit();

        assertEquals("CATS is reconnected", _get(H1.class).getText());
    }

    @Test
    void an_unreachable_platform_shows_a_retry_page() {
        LinkView view = new LinkView(
                new dev.interlink.link.api.PlatformLinkClient() {
                    @Override
                    public dev.interlink.link.api.LinkSession fetchSession(String linkToken) {
                        throw dev.interlink.link.api.PlatformProblemException.unreachable(new java.io.IOException());
                    }

                    @Override
                    public CreatedAccount createAccount(String t, String p, Map<String, String> c) {
                        throw new UnsupportedOperationException();
                    }
                },
                BackgroundWork.inline(),
                new TokenOrigins(Clock.systemUTC(), 10, Duration.ZERO));
        UI.getCurrent().add(view);

        view.open("tok");

        assertEquals("We can't load this page right now", _get(H1.class).getText());
        _get(Button.class, spec -> spec.withId("retry"));
    }
}
