package dev.interlink.link.flow;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static dev.interlink.link.api.FakePlatformLinkClient.cats;
import static dev.interlink.link.api.FakePlatformLinkClient.lever;
import static dev.interlink.link.api.FakePlatformLinkClient.reauthSession;
import static dev.interlink.link.api.FakePlatformLinkClient.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import com.vaadin.flow.component.textfield.PasswordField;
import dev.interlink.link.api.FakePlatformLinkClient;
import dev.interlink.link.api.ProblemCode;
import dev.interlink.link.web.TokenOrigins;
import elemental.json.Json;
import elemental.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OAuth 2.0 providers: a "Connect with …" button instead of the credential form, and the popup's outcome. */
class OAuthConnectViewTest {
    static final String API = "https://api.example.test";
    private final FakePlatformLinkClient platform = new FakePlatformLinkClient();
    private LinkView view;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    private void open(String token) {
        view = new LinkView(
                platform, BackgroundWork.inline(), new TokenOrigins(Clock.systemUTC(), 10, Duration.ZERO), API);
        UI.getCurrent().add(view);
        view.open(token);
    }

    private static OAuthConnect connect() {
        return _get(OAuthConnect.class, spec -> spec.withId("oauth"));
    }

    private static JsonObject message(String status) {
        JsonObject m = Json.createObject();
        m.put("type", "interlink:oauth");
        m.put("status", status);
        m.put("provider", "lever");
        return m;
    }

    private static List<String> pendingScripts() {
        UI.getCurrent().getInternals().getStateTree().runExecutionsBeforeClientResponse();
        return UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations().stream()
                .map(PendingJavaScriptInvocation::getInvocation)
                .map(i -> i.getExpression() + " " + i.getParameters())
                .toList();
    }

    @Test
    void an_oauth_provider_shows_connect_with_its_name_and_no_credential_form() {
        platform.session("tok", session(lever()));

        open("tok");

        Button button = _get(Button.class, spec -> spec.withId("oauth-connect"));
        assertEquals("Connect with Lever", button.getText());
        assertEquals("Connect Lever", _get(H1.class).getText());
        _assertNone(PasswordField.class, spec -> spec.withId("access_token"));
        _assertNone(Button.class, spec -> spec.withId("submit"));
    }

    @Test
    void the_popup_opens_in_a_client_side_click_listener_at_the_platform_start_route() {
        platform.session("tok", session(lever()));

        open("tok");

        List<String> scripts = pendingScripts();
        String start = API + "/link/oauth/lever/start?link_token=tok&mode=popup";
        assertTrue(
                scripts.stream()
                        .anyMatch(s -> s.contains("addEventListener('click'")
                                && s.contains("window.open(url")
                                && s.contains(start)),
                scripts.toString());
        assertTrue(
                scripts.stream()
                        .anyMatch(s -> s.contains("e.origin === apiOrigin")
                                && s.contains(API + ",")
                                && s.contains("new BroadcastChannel(channelName)")
                                && s.contains("interlink-oauth")),
                "messages are accepted only from the API's exact origin: " + scripts);
    }

    @Test
    void opening_the_popup_says_to_finish_there_and_a_blocked_popup_offers_this_window() {
        platform.session("tok", session(lever()));
        open("tok");

        connect().popupOpened();
        assertTrue(_get(Paragraph.class, spec -> spec.withId("oauth-waiting"))
                .getText()
                .contains("Lever window"));

        connect().popupBlocked();
        Anchor redirect = _get(Anchor.class, spec -> spec.withId("oauth-redirect"));
        assertTrue(redirect.getHref().startsWith(API + "/link/oauth/lever/start?link_token=tok&mode=redirect"));
    }

    @Test
    void a_success_message_shows_connected_once_the_platform_says_the_token_is_used() {
        platform.session("tok", session(lever()));
        open("tok");
        platform.consume("tok");
        JsonObject m = message("success");
        m.put("integrated_account_id", "ia_oauth1");
        OAuthConnect connect = connect();

        connect.outcome(m);
        List<String> scripts = pendingScripts(); // before any lookup: Karibu's lookups run a round trip

        Div success = _get(Div.class, spec -> spec.withId("success"));
        assertTrue(success.getElement().getTextRecursively().contains("Lever is connected"));
        assertTrue(
                scripts.stream().anyMatch(s -> s.contains("ia_oauth1") && s.contains("\"success\"")),
                "the host page is told as after a credential link: " + scripts);
    }

    @Test
    void a_forged_success_while_the_token_is_still_unused_is_not_believed() {
        platform.session("tok", session(lever()));
        open("tok");
        JsonObject m = message("success");
        m.put("integrated_account_id", "ia_forged");

        connect().outcome(m);

        _assertNone(Div.class, spec -> spec.withId("success"));
        assertEquals(
                ProblemCode.UNEXPECTED,
                _get(Div.class, spec -> spec.withId("form-error")).getElement().getAttribute("data-code"));
    }

    @Test
    void consent_denied_says_so_and_offers_retry_that_reopens_the_popup() {
        platform.session("tok", session(lever()));
        open("tok");
        pendingScripts();
        JsonObject m = message("error");
        m.put("code", "OAUTH.CONSENT_DENIED");
        m.put("message", "Access was not granted at Lever.");
        OAuthConnect connect = connect();

        connect.outcome(m);
        List<String> scripts = pendingScripts(); // before any lookup: Karibu's lookups run a round trip

        Div error = _get(Div.class, spec -> spec.withId("form-error"));
        assertEquals("OAUTH.CONSENT_DENIED", error.getElement().getAttribute("data-code"));
        assertTrue(error.getElement().getTextRecursively().contains("didn't allow access in Lever"));
        _get(Button.class, spec -> spec.withId("retry"));
        assertTrue(scripts.stream().anyMatch(s -> s.contains("window.open(url")), "Retry opens on click: " + scripts);
        // a second message for the same attempt (postMessage + relay) is not shown twice, a new attempt is
        connect().popupOpened();
        connect().outcome(m);
        _get(Div.class, spec -> spec.withId("form-error"));
    }

    @Test
    void a_provider_outage_is_retryable_and_a_used_link_shows_the_link_error_page() {
        platform.session("tok", session(lever()));
        open("tok");
        JsonObject down = message("error");
        down.put("code", ProblemCode.REMOTE_UNAVAILABLE);
        connect().outcome(down);
        assertTrue(_get(Div.class, spec -> spec.withId("form-error"))
                .getElement()
                .getTextRecursively()
                .contains("usually temporary"));
        _get(Button.class, spec -> spec.withId("retry"));

        JsonObject used = message("error");
        used.put("code", ProblemCode.TOKEN_CONSUMED);
        connect().popupOpened();
        connect().outcome(used);
        assertEquals(
                ProblemCode.TOKEN_CONSUMED,
                _get(Div.class, spec -> spec.withId("link-error")).getElement().getAttribute("data-code"));
    }

    @Test
    void re_authorization_of_an_oauth_account_says_reconnect() {
        platform.session("tok", reauthSession(lever(), "ia_1"));

        open("tok");

        assertEquals(
                "Reconnect with Lever",
                _get(Button.class, spec -> spec.withId("oauth-connect")).getText());
    }

    @Test
    void credential_providers_keep_their_form() {
        platform.session("tok", session(cats(), lever()));
        open("tok");
        _assertNone(OAuthConnect.class, spec -> spec.withId("oauth"));
    }

    @Test
    void redirect_mode_returns_with_the_outcome_and_shows_it() {
        platform.session("tok", session(lever()));
        open("tok");
        com.vaadin.flow.server.VaadinSession.getCurrent()
                .setAttribute(LinkView.REDIRECT_STATE, new LinkView.RedirectState("tok", platform.fetchSession("tok")));
        platform.consume("tok");
        UI.getCurrent().removeAll();

        LinkView back = new LinkView(
                platform, BackgroundWork.inline(), new TokenOrigins(Clock.systemUTC(), 10, Duration.ZERO), API);
        UI.getCurrent().add(back);
        back.returnedFromProvider(Map.of(
                "oauth_status", List.of("success"),
                "provider", List.of("lever"),
                "integrated_account_id", List.of("ia_redirect")));

        assertTrue(_get(Div.class, spec -> spec.withId("success"))
                .getElement()
                .getTextRecursively()
                .contains("Lever is connected"));
    }
}
