package dev.interlink.admin.accounts;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.interlink.admin.Clipboard;
import dev.interlink.admin.api.Dtos.Account;
import dev.interlink.admin.api.Dtos.ConnectionTest;
import dev.interlink.admin.api.Dtos.LinkToken;
import dev.interlink.admin.api.Dtos.LogQuery;
import dev.interlink.admin.api.Dtos.RequestLog;
import dev.interlink.admin.api.Dtos.StatusChange;
import dev.interlink.admin.api.PlatformAdminClient;
import dev.interlink.admin.api.PlatformProblem;
import dev.interlink.admin.logs.LogsNavigation;
import dev.interlink.admin.session.AdminSession;
import dev.interlink.admin.session.Feedback;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** The selected account: facts, status history, capabilities, recent requests, and what an admin can do. */
class AccountDetails extends Div {
    private final PlatformAdminClient platform;
    private final Consumer<Optional<Account>> changed;
    Account account;

    AccountDetails(PlatformAdminClient platform, Consumer<Optional<Account>> changed) {
        this.platform = platform;
        this.changed = changed;
        setId("account-details");
        addClassName("details");
        clear();
    }

    void clear() {
        account = null;
        removeAll();
        Paragraph hint =
                new Paragraph("Select an account to see its status history, capabilities and recent requests.");
        hint.addClassName("muted");
        add(hint);
    }

    void show(UUID id) {
        try {
            String token = AdminSession.requireToken();
            Account a = platform.account(token, id);
            render(a, platform.statusHistory(token, id));
        } catch (PlatformProblem problem) {
            if (problem.status() == 404) {
                removeAll();
                Paragraph missing = new Paragraph("No such account in your tenant.");
                missing.setId("account-not-found");
                add(missing);
                account = null;
            } else {
                Feedback.failed(problem);
            }
        }
    }

    private void render(Account a, List<StatusChange> history) {
        account = a;
        removeAll();
        H3 title = new H3(a.provider() + " · " + a.endUserLabel());
        title.setId("account-title");
        add(title, AccountsView.StatusBadge.of(a.status()));
        if (a.statusReason() != null) {
            add(new Paragraph(a.statusReason()));
        }
        add(
                fact("Account id", a.id().toString()),
                fact("End user email", a.endUserEmail() == null ? "–" : a.endUserEmail()),
                fact("Created", AccountsView.TIME.format(a.createdAt()) + " UTC"),
                fact(
                        "Last used",
                        a.lastUsedAt() == null ? "never" : AccountsView.TIME.format(a.lastUsedAt()) + " UTC"));
        add(actions(a));

        add(new H4("Status history"));
        if (history.isEmpty()) {
            add(muted("No status changes recorded."));
        }
        for (StatusChange change : history) {
            add(new Div(
                    new Span(AccountsView.TIME.format(change.changedAt()) + "  "),
                    AccountsView.StatusBadge.of(change.status()),
                    new Span(change.reason() == null ? "" : "  " + change.reason())));
        }

        add(new H4("Capabilities"));
        add(capabilities(a.id()));

        add(new H4("Recent requests"));
        add(recentRequests(a.id()));
    }

    private HorizontalLayout actions(Account a) {
        boolean disabled = "disabled".equals(a.status());
        Button toggle = new Button(disabled ? "Enable" : "Disable", e -> changeEnabled(disabled));
        toggle.setId("toggle-account");
        Button reauth = new Button("Re-authorization link", e -> reauthorize());
        reauth.setId("reauth-link");
        Button test = new Button("Test connection", e -> testConnection());
        test.setId("test-connection");
        Button delete = new Button("Delete", e -> confirmDelete());
        delete.setId("delete-account");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        HorizontalLayout actions = new HorizontalLayout(toggle, reauth, test, delete);
        actions.getStyle().set("flex-wrap", "wrap");
        return actions;
    }

    void changeEnabled(boolean enabled) {
        try {
            Account updated = platform.setAccountEnabled(AdminSession.requireToken(), account.id(), enabled);
            render(updated, platform.statusHistory(AdminSession.requireToken(), updated.id()));
            changed.accept(Optional.of(updated));
            Feedback.done(enabled ? "Account enabled" : "Account disabled: the API refuses it until enabled");
        } catch (PlatformProblem problem) {
            Feedback.failed(problem);
        }
    }

    private void confirmDelete() {
        ConfirmDialog confirm = new ConfirmDialog(
                "Delete this account?",
                "Its stored credentials are destroyed and API calls for it fail. The end customer must link again.",
                "Delete",
                e -> delete());
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }

    void delete() {
        try {
            platform.deleteAccount(AdminSession.requireToken(), account.id());
            Feedback.done("Account deleted");
            clear();
            changed.accept(Optional.empty());
        } catch (PlatformProblem problem) {
            Feedback.failed(problem);
        }
    }

    void reauthorize() {
        try {
            LinkToken link = platform.reauthorizationLink(AdminSession.requireToken(), account);
            Dialog dialog = new Dialog();
            dialog.setHeaderTitle("Re-authorization link");
            TextField url = new TextField("Send this link to the end customer", link.linkUrl(), "");
            url.setId("reauth-url");
            url.setReadOnly(true);
            url.setWidthFull();
            Button copy = new Button("Copy link", e -> Clipboard.copy(link.linkUrl()));
            copy.setId("copy-reauth-url");
            dialog.add(
                    url,
                    new Paragraph("Valid until " + AccountsView.TIME.format(link.expiresAt()) + " UTC, once."),
                    copy);
            dialog.getFooter().add(new Button("Close", e -> dialog.close()));
            dialog.setWidth("640px");
            dialog.open();
        } catch (PlatformProblem problem) {
            Feedback.failed(problem);
        }
    }

    void testConnection() {
        try {
            ConnectionTest result = platform.testConnection(AdminSession.requireToken(), account.id());
            String took = result.remoteDurationMs() == null ? "" : " (" + result.remoteDurationMs() + " ms)";
            if (result.ok()) {
                Feedback.done("Connection OK: " + account.provider() + " accepted the stored credentials" + took);
            } else {
                Feedback.error("Connection test failed: " + result.detail() + took);
            }
        } catch (PlatformProblem problem) {
            Feedback.failed(problem);
        }
    }

    private Div capabilities(UUID id) {
        Div box = new Div();
        box.setId("capabilities");
        try {
            Map<String, Object> caps = platform.capabilities(AdminSession.requireToken(), id);
            Object resources = caps.getOrDefault("resources", caps);
            if (resources instanceof Map<?, ?> map && !map.isEmpty()) {
                map.forEach((name, description) -> {
                    Span label = new Span(String.valueOf(name));
                    label.addClassName("fact-label");
                    Span value = new Span(operations(description));
                    value.setId("capability-" + name);
                    box.add(new Div(label, value));
                });
            } else if (resources instanceof List<?> list && !list.isEmpty()) {
                list.forEach(item -> box.add(new Div(new Span(String.valueOf(item)))));
            } else {
                box.add(muted("No capabilities reported."));
            }
        } catch (PlatformProblem problem) {
            box.add(muted("Capabilities are not available (" + problem.getMessage() + ")."));
        }
        return box;
    }

    /**
     * "read: list, get · write: create, update" from one resource of {@code GET /integrated-accounts/{id}/capabilities}
     * ({@code operations} and {@code write_operations}); "write: none" when the provider writes nothing there.
     */
    static String operations(Object description) {
        if (!(description instanceof Map<?, ?> d)) return String.valueOf(description);
        String read = joined(d.get("operations"));
        if (!d.containsKey("write_operations")) return read; // an older platform-api: reads only
        String write = joined(d.get("write_operations"));
        return "read: " + (read.isEmpty() ? "none" : read) + " · write: " + (write.isEmpty() ? "none" : write);
    }

    private static String joined(Object ops) {
        if (ops instanceof List<?> l)
            return String.join(", ", l.stream().map(String::valueOf).toList());
        return ops == null ? "" : String.valueOf(ops);
    }

    private Div recentRequests(UUID id) {
        Div box = new Div();
        box.setId("recent-requests");
        try {
            List<RequestLog> logs = platform.logs(
                            AdminSession.requireToken(), new LogQuery(id, null, null, null, null), null, 10)
                    .result();
            if (logs.isEmpty()) {
                box.add(muted("No API requests for this account yet."));
            }
            for (RequestLog log : logs) {
                Div row = new Div(new Span(AccountsView.TIME.format(log.createdAt()) + "  " + log.method() + " "
                        + log.route() + "  " + log.status() + "  " + log.durationMs() + " ms"));
                row.addClassName(log.status() >= 400 ? "log-error" : "log-ok");
                box.add(row);
            }
            com.vaadin.flow.component.html.Anchor all = new com.vaadin.flow.component.html.Anchor(
                    LogsNavigation.pathForAccount(id), "All requests of this account");
            box.add(all);
        } catch (PlatformProblem problem) {
            box.add(muted("Request log is not available (" + problem.getMessage() + ")."));
        }
        return box;
    }

    private static Div fact(String label, String value) {
        Span l = new Span(label);
        l.addClassName("fact-label");
        return new Div(l, new Span(value));
    }

    private static Paragraph muted(String text) {
        Paragraph p = new Paragraph(text);
        p.addClassName("muted");
        return p;
    }
}
