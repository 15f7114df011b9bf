package dev.interlink.link.flow;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Footer;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.server.VaadinSession;
import dev.interlink.link.api.CreatedAccount;
import dev.interlink.link.api.LinkSession;
import dev.interlink.link.api.PlatformLinkClient;
import dev.interlink.link.api.PlatformLinkClients;
import dev.interlink.link.api.PlatformProblemException;
import dev.interlink.link.api.Problem;
import dev.interlink.link.api.ProblemCode;
import dev.interlink.link.api.ProviderInfo;
import dev.interlink.link.form.CredentialForm;
import dev.interlink.link.web.Origins;
import dev.interlink.link.web.TokenOrigins;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The link flow, one card: choose a provider, enter its credentials, see the outcome. The link token stays in
 * this view (never in another URL); credentials only pass through on their way to platform-api.
 *
 * <p>Stable ids for browser tests: {@code tenant-name}, {@code close}, {@code providers}, {@code provider-search},
 * {@code provider-<id>}, {@code back}, {@code credentials}, one input per catalog field ({@code api_key}, ...),
 * {@code submit}, {@code checking}, {@code form-error}, {@code retry}, {@code success}, {@code done},
 * {@code link-error} (with {@code data-code}).
 */
@Route(LinkNavigation.ROUTE)
@RouteAlias("")
@PageTitle("Connect your account")
@StyleSheet("context://css/link.css")
class LinkView extends Div implements BeforeEnterObserver {
    private final PlatformLinkClient client;
    private final BackgroundWork work;
    private final TokenOrigins tokenOrigins;
    private final String apiUrl;

    private final Span tenantName = new Span();
    private final Main body = new Main();
    private final Paragraph footnote = new Paragraph();

    private String token;
    private LinkSession session;
    private List<String> origins = List.of();
    /** OAuth providers: leave this page for the provider's consent (webviews) instead of opening a popup. */
    private boolean oauthRedirectMode;

    LinkView() {
        this(PlatformLinkClients.get(), BackgroundWork.threads(), TokenOrigins.shared(), PublicApiUrl.get());
    }

    LinkView(PlatformLinkClient client, BackgroundWork work, TokenOrigins tokenOrigins) {
        this(client, work, tokenOrigins, "http://127.0.0.1:8080");
    }

    LinkView(PlatformLinkClient client, BackgroundWork work, TokenOrigins tokenOrigins, String apiUrl) {
        this.client = client;
        this.work = work;
        this.tokenOrigins = tokenOrigins;
        this.apiUrl = apiUrl;
        addClassName("link-page");

        Div card = new Div();
        card.addClassName("card");

        Header header = new Header();
        header.addClassName("card-header");
        Span mark = new Span(VaadinIcon.CONNECT.create());
        mark.addClassName("tenant-mark");
        mark.getElement().setAttribute("aria-hidden", "true");
        tenantName.setId("tenant-name");
        tenantName.addClassName("tenant-name");
        Button close = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> close());
        close.setId("close");
        close.addClassName("close");
        close.setAriaLabel("Close");
        close.setTooltipText("Close");
        close.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_CONTRAST);
        header.add(mark, tenantName, close);

        body.addClassName("card-body");

        Footer footer = new Footer();
        footer.addClassName("card-footer");
        Icon lock = VaadinIcon.LOCK.create();
        lock.getElement().setAttribute("aria-hidden", "true");
        footer.add(lock, footnote);

        card.add(header, body, footer);
        add(card);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> query =
                event.getLocation().getQueryParameters().getParameters();
        oauthRedirectMode = "redirect".equals(first(query, LinkNavigation.OAUTH_MODE_PARAMETER));
        if (first(query, "oauth_status") != null && first(query, LinkNavigation.TOKEN_PARAMETER) == null) {
            returnedFromProvider(query);
            return;
        }
        open(first(query, LinkNavigation.TOKEN_PARAMETER));
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Redirect mode: platform-api's callback sent this window back with the outcome in the query. */
    void returnedFromProvider(Map<String, List<String>> query) {
        VaadinSession vs = VaadinSession.getCurrent();
        Object remembered = vs == null ? null : vs.getAttribute(REDIRECT_STATE);
        if (!(remembered instanceof RedirectState state)) {
            token = null;
            showTokenProblem(ProblemCode.TOKEN_INVALID, null);
            return;
        }
        oauthRedirectMode = true;
        token = state.token();
        session = state.session();
        origins = Origins.sanitize(session.allowedOrigins());
        tenantName.setText(session.tenantName());
        footnote.setText(session.tenantName() + " never sees your credentials: Interlink encrypts and stores them.");
        String providerId = first(query, "provider");
        ProviderInfo provider = session.provider(providerId).orElse(null);
        if (provider == null) {
            start();
            return;
        }
        boolean reauth = session.reauth() != null;
        OAuthConnect connect = showOAuth(provider, reauth);
        oauthOutcome(
                connect,
                provider,
                new OAuthConnect.Outcome(
                        "success".equals(first(query, "oauth_status")),
                        providerId,
                        first(query, "integrated_account_id"),
                        reauth,
                        first(query, "code"),
                        first(query, "message")));
    }

    /** What a redirect-mode return needs (the link token never travels in return_to). */
    record RedirectState(String token, LinkSession session) {}

    static final String REDIRECT_STATE = LinkView.class.getName() + ".oauthRedirect";

    /** Starts the flow for a link token (null or blank: the "incomplete link" page). */
    void open(String linkToken) {
        token = linkToken == null || linkToken.isBlank() ? null : linkToken.trim();
        origins = List.of();
        load();
    }

    private void load() {
        session = null;
        tenantName.setText("Connect your account");
        footnote.setText("Secured by Interlink.");
        if (token == null) {
            showTokenProblem(ProblemCode.TOKEN_INVALID, null);
            return;
        }
        try {
            session = client.fetchSession(token);
        } catch (PlatformProblemException e) {
            if (e.isTokenProblem()) {
                showTokenProblem(e.code(), e.problem());
            } else {
                showUnavailable(e.problem());
            }
            return;
        }
        origins = Origins.sanitize(session.allowedOrigins());
        tokenOrigins.remember(token, origins, session.expiresAt());
        tenantName.setText(session.tenantName());
        footnote.setText(session.tenantName() + " never sees your credentials: Interlink encrypts and stores them.");
        ParentWindow.installEscapeToClose(UI.getCurrent(), origins);
        start();
    }

    private void start() {
        Optional<LinkSession.Reauth> reauth = session.reauthorization();
        if (reauth.isPresent()) {
            Optional<ProviderInfo> provider = session.provider(reauth.get().provider());
            if (provider.isEmpty()) {
                showFailure(ProblemCode.PROVIDER_NOT_ALLOWED, "This link can't reconnect your account.");
                return;
            }
            showCredentials(provider.get(), true);
        } else if (session.providers().isEmpty()) {
            showFailure(
                    ProblemCode.PROVIDER_NOT_ALLOWED,
                    "There is nothing to connect with this link. Ask " + session.tenantName() + " for a new one.");
        } else if (session.providers().size() == 1) {
            showCredentials(session.providers().get(0), false);
        } else {
            showProviders();
        }
    }

    private void showProviders() {
        ProviderList list = new ProviderList(session.tenantName(), session.providers(), p -> showCredentials(p, false));
        body.removeAll();
        body.add(list);
        list.focus();
    }

    private void showCredentials(ProviderInfo provider, boolean reauth) {
        if (ProviderInfo.OAUTH2.equals(provider.authMode())) {
            showOAuth(provider, reauth);
            return;
        }
        Div step = new Div();
        step.setId("credentials");
        step.addClassName("step");
        if (!reauth && session.providers().size() > 1) {
            Button back = new Button("All systems", VaadinIcon.ARROW_LEFT.create(), e -> showProviders());
            back.setId("back");
            back.addClassName("back");
            back.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            step.add(back);
        }
        Div title = new Div();
        title.addClassName("provider-heading");
        H1 heading = new H1(reauth ? "Reconnect your " + provider.name() + " account" : "Connect " + provider.name());
        heading.addClassName("step-title");
        title.add(new ProviderLogo(provider, "logo-l"), heading);
        Paragraph intro = new Paragraph(
                reauth
                        ? "Your " + provider.name() + " connection with " + session.tenantName()
                                + " needs new credentials. Enter them below; your account and its settings stay"
                                + " as they are."
                        : "Enter your " + provider.name() + " credentials to connect it to " + session.tenantName()
                                + ".");
        intro.addClassName("step-intro");

        UI.getCurrent().getPage().setTitle(heading.getText());
        CredentialForm form = new CredentialForm(provider, reauth ? "Reconnect" : "Connect");
        form.addSubmitListener(e -> submit(form, e));
        step.add(title, intro, form);
        body.removeAll();
        body.add(step);
        form.focusFirstField();
    }

    private OAuthConnect showOAuth(ProviderInfo provider, boolean reauth) {
        Div step = new Div();
        step.setId("credentials");
        step.addClassName("step");
        if (!reauth && session.providers().size() > 1) {
            Button back = new Button("All systems", VaadinIcon.ARROW_LEFT.create(), e -> showProviders());
            back.setId("back");
            back.addClassName("back");
            back.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            step.add(back);
        }
        Div title = new Div();
        title.addClassName("provider-heading");
        H1 heading = new H1(reauth ? "Reconnect your " + provider.name() + " account" : "Connect " + provider.name());
        heading.addClassName("step-title");
        title.add(new ProviderLogo(provider, "logo-l"), heading);
        Paragraph intro = new Paragraph((oauthRedirectMode
                        ? "You'll sign in to " + provider.name() + " and come back here. "
                        : "A " + provider.name() + " window opens: sign in there and allow access. ")
                + session.tenantName() + " never sees your " + provider.name() + " password.");
        intro.addClassName("step-intro");
        UI.getCurrent().getPage().setTitle(heading.getText());
        if (oauthRedirectMode && VaadinSession.getCurrent() != null) {
            VaadinSession.getCurrent().setAttribute(REDIRECT_STATE, new RedirectState(token, session));
        }
        OAuthConnect[] holder = new OAuthConnect[1];
        OAuthConnect connect = new OAuthConnect(
                provider,
                token,
                apiUrl,
                oauthRedirectMode,
                (reauth ? "Reconnect with " : "Connect with ") + provider.name(),
                outcome -> oauthOutcome(holder[0], provider, outcome));
        holder[0] = connect;
        step.add(title, intro, connect);
        body.removeAll();
        body.add(step);
        return connect;
    }

    private void oauthOutcome(OAuthConnect connect, ProviderInfo provider, OAuthConnect.Outcome outcome) {
        if (outcome.success()) {
            // Only platform-api's page (exact origin) or our relay sends these; still, believe a success only once
            // platform-api says the link token is used up.
            String code;
            try {
                client.fetchSession(token);
                code = null;
            } catch (PlatformProblemException e) {
                code = e.code();
            }
            if (ProblemCode.TOKEN_CONSUMED.equals(code)) {
                if (VaadinSession.getCurrent() != null)
                    VaadinSession.getCurrent().setAttribute(REDIRECT_STATE, null);
                showSuccess(
                        provider, outcome.integratedAccountId(), outcome.reauthorized() || session.reauth() != null);
            } else {
                connect.showError(
                        ProblemCode.UNEXPECTED,
                        "We couldn't confirm the connection with " + provider.name() + ". Please try again.",
                        !oauthRedirectMode);
            }
            return;
        }
        String code = outcome.code() == null ? ProblemCode.UNEXPECTED : outcome.code();
        if (ProblemCode.isTokenProblem(code)) {
            showTokenProblem(code, null);
            return;
        }
        String text =
                switch (code) {
                    case ProblemCode.OAUTH_CONSENT_DENIED -> "You didn't allow access in " + provider.name()
                            + ", so nothing was connected. You can try again.";
                    case ProblemCode.REMOTE_UNAVAILABLE -> "We couldn't reach " + provider.name()
                            + " to finish connecting. This is usually temporary.";
                    case ProblemCode.OAUTH_STATE_INVALID -> "That sign-in took too long or was already used. Please try"
                            + " again.";
                    case ProblemCode.TOO_MANY_ATTEMPTS -> "Too many attempts with this link. Ask "
                            + session.tenantName() + " for a new one.";
                    case ProblemCode.OAUTH_APP_NOT_CONFIGURED -> "Connecting " + provider.name() + " isn't set up for "
                            + session.tenantName() + " yet.";
                    default -> outcome.message() != null && !outcome.message().isBlank()
                            ? outcome.message()
                            : "Something went wrong while connecting " + provider.name() + ". Please try again.";
                };
        boolean retry = !oauthRedirectMode
                && !ProblemCode.TOO_MANY_ATTEMPTS.equals(code)
                && !ProblemCode.OAUTH_APP_NOT_CONFIGURED.equals(code);
        connect.showError(code, text, retry);
        if (oauthRedirectMode && !ProblemCode.TOO_MANY_ATTEMPTS.equals(code)) {
            connect.showRetryLink();
        }
    }

    private void submit(CredentialForm form, CredentialForm.SubmitEvent event) {
        UI ui = UI.getCurrent();
        form.setBusy(true);
        String provider = event.provider();
        work.run(
                ui,
                () -> {
                    try {
                        return client.createAccount(token, provider, event.credentials());
                    } finally {
                        event.credentials().clear(); // nothing typed outlives the call
                    }
                },
                account -> succeeded(ui, form, account),
                failure -> failed(ui, form, failure));
    }

    private void succeeded(UI ui, CredentialForm form, CreatedAccount account) {
        form.clearAll();
        showSuccess(form.provider(), account.integratedAccountId(), account.reauthorized() || session.reauth() != null);
    }

    private void showSuccess(ProviderInfo provider, String integratedAccountId, boolean reauthorized) {
        UI ui = UI.getCurrent();
        ParentWindow.postSuccess(ui, origins, integratedAccountId, provider.id());

        Div success = panel("success", VaadinIcon.CHECK_CIRCLE, "state-success");
        H1 title = new H1(reauthorized ? provider.name() + " is reconnected" : provider.name() + " is connected");
        title.addClassName("step-title");
        Paragraph text = new Paragraph(session.tenantName() + " can now work with your " + provider.name()
                + " data. You can close this window.");
        Button done = new Button("Done", e -> close());
        done.setId("done");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        done.addClassName("submit");
        success.add(title, text, done);
        body.removeAll();
        body.add(success);
        done.focus();
    }

    private void failed(UI ui, CredentialForm form, RuntimeException failure) {
        form.setBusy(false);
        if (!(failure instanceof PlatformProblemException problem)) {
            form.clearSecrets();
            form.showMessage(withRetry(form, "Something went wrong on our side. Please try again.", null));
            return;
        }
        String code = problem.code();
        String provider = form.provider().name();
        Problem details = problem.problem();
        if (problem.isTokenProblem()) {
            form.clearAll();
            showTokenProblem(code, details);
        } else if (ProblemCode.CREDENTIALS_INVALID.equals(code)) {
            form.clearSecrets();
            Div message = new Div();
            Span title = new Span(provider + " didn't accept these credentials.");
            title.addClassName("message-title");
            message.add(title);
            if (details.detail() != null && !details.detail().isBlank()) {
                Paragraph reason = new Paragraph(details.detail());
                reason.addClassName("message-reason");
                message.add(reason);
            }
            message.add(new Paragraph("Check them and try again."));
            form.showMessage(message);
            form.focusFirstSecret();
        } else if (ProblemCode.INPUT_INVALID.equals(code)) {
            boolean shown = false;
            for (Problem.FieldError error : details.errors()) {
                String pointer = error.pointer() == null ? "" : error.pointer();
                if (pointer.startsWith("/credentials/")) {
                    shown |= form.showFieldError(pointer.substring("/credentials/".length()), error.detail());
                }
            }
            if (!shown) {
                form.showMessage(
                        details.detail() != null ? details.detail() : "Some of these values aren't valid. Check them.");
            }
        } else if (ProblemCode.TOO_MANY_ATTEMPTS.equals(code)) {
            form.clearSecrets();
            form.showMessage("Too many attempts. Wait a minute, then try again.");
        } else if (ProblemCode.PROVIDER_NOT_ALLOWED.equals(code)) {
            form.clearAll();
            showFailure(code, session.tenantName() + " doesn't allow connecting " + provider + " with this link.");
        } else if (problem.isRetryable()) {
            // Outage: keep what was typed (only in the fields) so "Try again" is one click.
            String text = ProblemCode.API_UNREACHABLE.equals(code)
                    ? "We can't reach the Interlink service right now."
                    : "We couldn't reach " + provider + " to check your credentials. This is usually temporary.";
            form.showMessage(withRetry(form, text, details.requestId()));
        } else {
            form.clearSecrets();
            form.showMessage(
                    withRetry(form, "Something went wrong on our side. Please try again.", details.requestId()));
        }
    }

    private Div withRetry(CredentialForm form, String text, String requestId) {
        Div message = new Div();
        message.add(new Span(text));
        Button retry = new Button("Try again", VaadinIcon.REFRESH.create(), e -> form.submit());
        retry.setId("retry");
        retry.addThemeVariants(ButtonVariant.LUMO_SMALL);
        retry.addClassName("retry");
        message.add(retry);
        if (requestId != null) {
            Span reference = new Span("Reference: " + requestId);
            reference.addClassName("reference");
            message.add(reference);
        }
        return message;
    }

    private void showTokenProblem(String code, Problem problem) {
        String title;
        String text;
        VaadinIcon icon;
        switch (code) {
            case ProblemCode.TOKEN_EXPIRED -> {
                title = "This link has expired";
                text = "For your security, connection links only work for a short time. Go back to the app you"
                        + " came from and start connecting again to get a new link.";
                icon = VaadinIcon.CLOCK;
            }
            case ProblemCode.TOKEN_CONSUMED -> {
                title = "This link has already been used";
                text = "Each connection link works once. If you still need to connect, go back to the app you"
                        + " came from and start again to get a new link.";
                icon = VaadinIcon.CHECK_CIRCLE_O;
            }
            default -> {
                title = token == null ? "This link is incomplete" : "This link isn't valid";
                text = "Go back to the app you came from and start connecting again to get a new link.";
                icon = VaadinIcon.UNLINK;
            }
        }
        Div panel = panel("link-error", icon, "state-warning");
        panel.getElement().setAttribute("data-code", code);
        H1 heading = new H1(title);
        heading.addClassName("step-title");
        panel.add(heading, new Paragraph(text));
        if (problem != null && problem.requestId() != null) {
            Span reference = new Span("Reference: " + problem.requestId());
            reference.addClassName("reference");
            panel.add(reference);
        }
        body.removeAll();
        body.add(panel);

        List<String> known = origins.isEmpty() ? tokenOrigins.recall(token).orElse(List.of()) : origins;
        origins = known;
        if (!known.isEmpty()) {
            UI ui = UI.getCurrent();
            if (ProblemCode.TOKEN_EXPIRED.equals(code)) {
                ParentWindow.postExpired(ui, known);
            } else {
                ParentWindow.postFailed(ui, known, code);
            }
        }
    }

    private void showFailure(String code, String text) {
        Div panel = panel("link-error", VaadinIcon.BAN, "state-warning");
        panel.getElement().setAttribute("data-code", code);
        H1 heading = new H1("We can't continue");
        heading.addClassName("step-title");
        panel.add(heading, new Paragraph(text));
        body.removeAll();
        body.add(panel);
        ParentWindow.postFailed(UI.getCurrent(), origins, code);
    }

    private void showUnavailable(Problem problem) {
        Div panel = panel("link-error", VaadinIcon.PLUG, "state-warning");
        panel.getElement().setAttribute("data-code", problem.code());
        H1 heading = new H1("We can't load this page right now");
        heading.addClassName("step-title");
        Button retry = new Button("Try again", VaadinIcon.REFRESH.create(), e -> load());
        retry.setId("retry");
        retry.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        panel.add(heading, new Paragraph("The connection service didn't answer. This is usually temporary."), retry);
        if (problem.requestId() != null) {
            Span reference = new Span("Reference: " + problem.requestId());
            reference.addClassName("reference");
            panel.add(reference);
        }
        body.removeAll();
        body.add(panel);
    }

    private static Div panel(String id, VaadinIcon icon, String stateClass) {
        Div panel = new Div();
        panel.setId(id);
        panel.addClassNames("step", "state", stateClass);
        Span badge = new Span(icon.create());
        badge.addClassName("state-icon");
        badge.getElement().setAttribute("aria-hidden", "true");
        panel.add(badge);
        return panel;
    }

    private void close() {
        UI ui = UI.getCurrent();
        ParentWindow.postClosed(ui, origins, embedded -> {
            if (!embedded) {
                Div panel = panel("closed", VaadinIcon.CHECK, "state-neutral");
                panel.add(new Paragraph("You can close this tab now."));
                body.removeAll();
                body.add(panel);
            }
        });
        ui.getPage().executeJs("if (window.opener && window.opener !== window) { window.close(); }");
    }

    Component body() {
        return body;
    }
}
