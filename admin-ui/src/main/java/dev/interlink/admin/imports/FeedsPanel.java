package dev.interlink.admin.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.interlink.admin.Clipboard;
import dev.interlink.admin.api.PlatformAdminClient;
import dev.interlink.admin.api.PlatformProblem;
import dev.interlink.admin.session.AdminSession;
import dev.interlink.admin.session.Feedback;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The feeds of the selected import: create one (its URL shown and copied once: only a hash is stored), list the
 * live ones, revoke one (its URL answers 404 from then on, and the platform lists it no more).
 */
class FeedsPanel extends VerticalLayout {
    private final PlatformAdminClient platform;
    final Button create = new Button("Create feed URL");
    final TextField url = new TextField("Feed URL (shown once)");
    final Grid<JsonNode> feeds = new Grid<>();
    private UUID importId;

    FeedsPanel(PlatformAdminClient platform) {
        this.platform = platform;
        setPadding(false);
        create.setId("create-feed");
        create.addClickListener(e -> create());
        url.setId("feed-url");
        url.setReadOnly(true);
        url.setWidth("640px");
        url.setVisible(false);
        feeds.setId("import-feeds");
        feeds.addColumn(f -> f.path("created_at").asText()).setHeader("Created");
        feeds.addColumn(f -> f.path("expires_at").asText()).setHeader("Expires");
        feeds.addColumn(f -> f.path("revoked_at").isNull()
                        ? "active"
                        : "revoked " + f.path("revoked_at").asText())
                .setHeader("Status");
        feeds.addComponentColumn(this::revokeButton).setKey("revoke");
        feeds.setAllRowsVisible(true);
        HorizontalLayout form = new HorizontalLayout(create, url);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(
                new H3("Feed for spreadsheets"),
                new Paragraph(
                        "A URL that serves the latest snapshot as CSV: =IMPORTDATA(url) in Google Sheets, Data → From"
                                + " Web in Excel."),
                form,
                feeds);
    }

    void show(UUID importId) {
        this.importId = importId;
        url.setVisible(false);
        refresh();
    }

    void create() {
        try {
            JsonNode feed = platform.createFeed(AdminSession.requireToken(), importId);
            url.setValue(feed.path("url").asText());
            url.setVisible(true);
            Clipboard.copy(feed.path("url").asText());
            Feedback.done("Feed URL copied; it is shown only now");
            refresh();
        } catch (PlatformProblem p) {
            Feedback.failed(p);
        }
    }

    private void refresh() {
        try {
            List<JsonNode> all = new ArrayList<>();
            platform.feeds(AdminSession.requireToken(), importId).path("result").forEach(all::add);
            feeds.setItems(all);
        } catch (PlatformProblem p) {
            Feedback.failed(p);
        }
    }

    private Button revokeButton(JsonNode feed) {
        Button b = new Button("Revoke", e -> {
            try {
                platform.revokeFeed(
                        AdminSession.requireToken(),
                        importId,
                        UUID.fromString(feed.path("id").asText()));
                Feedback.done("Feed revoked: its URL answers 404 from now on");
                refresh();
            } catch (PlatformProblem p) {
                Feedback.failed(p);
            }
        });
        b.setId("revoke-feed-" + feed.path("id").asText());
        return b;
    }
}
