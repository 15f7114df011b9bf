package dev.interlink.link.flow;

import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import dev.interlink.link.api.ProviderInfo;
import elemental.json.JsonObject;
import elemental.json.JsonType;
import elemental.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * "Connect with Lever": the consent happens on the provider's page, in a popup (or, in redirect mode, in this
 * window). The popup is opened by a client-side click listener, synchronously, because browsers block windows opened
 * after a server round trip. The outcome comes back as a {@code postMessage} from platform-api's callback page,
 * accepted only from platform-api's exact origin, or over {@code BroadcastChannel("interlink-oauth")} from link-ui's
 * relay page (same origin) when the popup lost its opener.
 *
 * <p>Ids: {@code oauth}, {@code oauth-connect} (button, or link in redirect mode), {@code oauth-waiting},
 * {@code oauth-blocked} (with {@code oauth-redirect}), {@code form-error} (with {@code data-code}), {@code retry}.
 */
class OAuthConnect extends Div {
    static final String MESSAGE_TYPE = "interlink:oauth";
    static final String CHANNEL = "interlink-oauth";

    /** What the callback page reported; {@code code}/{@code message} only for errors. */
    record Outcome(
            boolean success,
            String provider,
            String integratedAccountId,
            boolean reauthorized,
            String code,
            String message) {}

    private static final String OPEN_POPUP_ON_CLICK =
            """
            const url = $0, host = $1;
            this.addEventListener('click', () => {
              const w = window.open(url, 'interlink-oauth', 'popup=yes,width=520,height=720');
              if (w) { try { w.focus(); } catch (e) { /* ignore */ } host.$server.popupOpened(); }
              else { host.$server.popupBlocked(); }
            });
            """;

    private static final String LISTEN =
            """
            const apiOrigin = $0, host = $1, type = $2, channelName = $3;
            const deliver = (data) => {
              if (!data || typeof data !== 'object' || data.type !== type || !host.isConnected) return;
              host.$server.outcome(data);
            };
            if (window.__interlinkOAuthListener) window.removeEventListener('message', window.__interlinkOAuthListener);
            window.__interlinkOAuthListener = (e) => { if (e.origin === apiOrigin) deliver(e.data); };
            window.addEventListener('message', window.__interlinkOAuthListener);
            try {
              if (window.__interlinkOAuthChannel) window.__interlinkOAuthChannel.close();
              window.__interlinkOAuthChannel = new BroadcastChannel(channelName);
              window.__interlinkOAuthChannel.onmessage = (e) => deliver(e.data);
            } catch (e) { /* no BroadcastChannel: postMessage only */ }
            """;

    private static final String REDIRECT_HREF =
            "this.href = $0 + '&return_to=' + encodeURIComponent(window.location.origin + '/' + $1);";

    private final ProviderInfo provider;
    private final String startUrl;
    private final Consumer<Outcome> onOutcome;
    private final Div status = new Div();
    private boolean finished;

    /**
     * @param apiUrl platform-api as the browser reaches it (its origin is the only one messages are accepted from)
     * @param redirectMode a webview: a link that leaves this page instead of a popup
     */
    OAuthConnect(
            ProviderInfo provider,
            String linkToken,
            String apiUrl,
            boolean redirectMode,
            String buttonText,
            Consumer<Outcome> onOutcome) {
        this.provider = provider;
        this.onOutcome = onOutcome;
        String base = apiUrl.replaceAll("/+$", "");
        this.startUrl = base + "/link/oauth/" + URLEncoder.encode(provider.id(), StandardCharsets.UTF_8)
                + "/start?link_token=" + URLEncoder.encode(linkToken, StandardCharsets.UTF_8);
        setId("oauth");
        addClassName("oauth");
        status.setId("oauth-status");
        status.addClassName("oauth-status");
        status.getElement().setAttribute("aria-live", "polite");
        if (redirectMode) {
            add(redirectLink("oauth-connect", buttonText), status);
        } else {
            Button connect = popupButton("oauth-connect", buttonText, VaadinIcon.EXTERNAL_LINK);
            connect.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
            connect.addClassName("submit");
            add(connect, status);
            getElement().executeJs(LISTEN, origin(base), getElement(), MESSAGE_TYPE, CHANNEL);
        }
    }

    String startUrl() {
        return startUrl;
    }

    private Button popupButton(String id, String text, VaadinIcon icon) {
        Button button = new Button(text, icon.create());
        button.setId(id);
        button.setIconAfterText(icon == VaadinIcon.EXTERNAL_LINK);
        button.getElement().executeJs(OPEN_POPUP_ON_CLICK, startUrl + "&mode=popup", getElement());
        return button;
    }

    private Anchor redirectLink(String id, String text) {
        Anchor link = new Anchor(startUrl + "&mode=redirect", text);
        link.setId(id);
        link.addClassName("oauth-link");
        link.getElement().executeJs(REDIRECT_HREF, startUrl + "&mode=redirect", LinkNavigation.ROUTE);
        return link;
    }

    @ClientCallable
    void popupOpened() {
        finished = false;
        Paragraph waiting = new Paragraph("Finish in the " + provider.name() + " window. This page updates by itself.");
        waiting.setId("oauth-waiting");
        status.removeAll();
        status.add(waiting);
    }

    @ClientCallable
    void popupBlocked() {
        Div blocked = new Div();
        blocked.setId("oauth-blocked");
        blocked.add(new Span("Your browser blocked the " + provider.name() + " window. "));
        blocked.add(redirectLink("oauth-redirect", "Continue in this window"));
        status.removeAll();
        status.add(blocked);
    }

    /** A message from the callback page (already checked on the client: type and, for postMessage, origin). */
    @ClientCallable
    void outcome(JsonObject data) {
        if (finished) {
            return; // postMessage and the relay may both arrive
        }
        Outcome outcome = parse(data);
        if (!provider.id().equals(outcome.provider()) && outcome.success()) {
            return;
        }
        finished = true;
        status.removeAll();
        onOutcome.accept(outcome);
    }

    /** Shows a failure under the button, with a Retry that opens the popup again (synchronously, like Connect). */
    void showError(String code, String text, boolean retry) {
        finished = false;
        Div message = new Div();
        message.setId("form-error");
        message.addClassName("form-message");
        message.getElement().setAttribute("role", "alert");
        message.getElement().setAttribute("data-code", code == null ? "" : code);
        message.add(new Span(text));
        if (retry) {
            Button again = popupButton("retry", "Try again", VaadinIcon.REFRESH);
            again.addThemeVariants(ButtonVariant.LUMO_SMALL);
            again.addClassName("retry");
            message.add(again);
        }
        status.removeAll();
        status.add(message);
    }

    /** Redirect mode has no popup to reopen: the retry is another trip to the provider. */
    void showRetryLink() {
        status.getChildren()
                .filter(c -> "form-error".equals(c.getId().orElse(null)))
                .findFirst()
                .ifPresent(c -> ((Div) c).add(redirectLink("retry", "Try again")));
    }

    static Outcome parse(JsonObject data) {
        return new Outcome(
                "success".equals(string(data, "status")),
                string(data, "provider"),
                string(data, "integrated_account_id"),
                data.hasKey("reauthorized")
                        && data.get("reauthorized").getType() == JsonType.BOOLEAN
                        && data.getBoolean("reauthorized"),
                string(data, "code"),
                string(data, "message"));
    }

    private static String string(JsonObject data, String key) {
        if (!data.hasKey(key)) return null;
        JsonValue v = data.get(key);
        return v.getType() == JsonType.STRING ? v.asString() : null;
    }

    static String origin(String url) {
        java.net.URI uri = java.net.URI.create(url);
        int port = uri.getPort();
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean defaultPort =
                port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(java.util.Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    Component status() {
        return status;
    }
}
