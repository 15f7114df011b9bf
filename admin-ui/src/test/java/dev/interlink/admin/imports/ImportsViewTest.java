package dev.interlink.admin.imports;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.progressbar.ProgressBar;
import dev.interlink.admin.AdminUiTest;
import dev.interlink.admin.api.Dtos.Account;
import dev.interlink.admin.api.Dtos.EndUser;
import dev.interlink.admin.api.FakePlatformAdminClient;
import dev.interlink.admin.api.PlatformAdminClients;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImportsViewTest extends AdminUiTest {
    FakePlatformAdminClient fake;
    Account account;

    @BeforeEach
    void open() {
        signedIn();
        fake = (FakePlatformAdminClient) PlatformAdminClients.get();
        account = new Account(
                UUID.randomUUID(),
                "cats",
                new EndUser("customer-1", null, null),
                "active",
                null,
                Instant.now(),
                Map.of(),
                Instant.now(),
                Instant.now(),
                null);
        fake.accounts.put(account.id(), account);
        UI.getCurrent().navigate("imports");
    }

    private static ImportsView view() {
        return _get(ImportsView.class);
    }

    private void fill(List<String> fields) {
        ImportsView v = view();
        v.account.setValue(account);
        v.resource.setValue("candidates");
        v.fields.setItems(List.of("id", "first_name", "no_such_field"));
        v.fields.setValue(Set.copyOf(fields));
    }

    @Test
    void creating_an_import_lists_it_and_opens_its_detail() {
        fill(List.of("id", "first_name"));
        view().create.click();

        assertEquals(1, GridKt._size(view().imports));
        assertTrue(view().detail.isVisible());
    }

    @Test
    void a_field_the_platform_refuses_is_shown_on_the_field_picker() {
        fill(List.of("id", "no_such_field"));
        view().create.click();

        assertTrue(view().fields.isInvalid());
        assertTrue(view().fields.getErrorMessage().contains("not a field"));
        assertEquals(0, fake.importList.size());
    }

    @SuppressWarnings("unchecked")
    private ProgressBar bar() {
        Grid<?> runs = _get(Grid.class, s -> s.withId("import-runs"));
        return (ProgressBar) GridKt._getCellComponent(runs, 0, "progress");
    }

    @Test
    void the_progress_bar_and_eta_move_while_the_run_goes() {
        fill(List.of("id"));
        view().create.click();
        view().runNow.click();
        UUID id = view().selectedId();
        assertEquals(0.0, bar().getValue());
        assertEquals(1000, UI.getCurrent().getPollInterval());

        fake.advance(id, 400);
        view().refreshDetail();

        assertEquals(40.0, bar().getValue());
        assertTrue(ImportsView.eta(GridKt._get(view().runs, 0)).startsWith("2026-12-04T02:00:00Z"));
    }

    @Test
    void polling_stops_when_no_run_is_going() {
        fill(List.of("id"));
        view().create.click();
        view().runNow.click();
        fake.advance(view().selectedId(), 1000);
        view().refreshDetail();

        assertEquals(-1, UI.getCurrent().getPollInterval());
    }

    @Test
    void a_diff_shows_the_counts_and_each_changed_field() throws Exception {
        fill(List.of("id"));
        view().create.click();
        UUID id = view().selectedId();
        ObjectNode older = FakePlatformAdminClient.JSON
                .createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("created_at", "2026-12-01T00:00:00Z")
                .put("record_count", 2);
        ObjectNode newer = FakePlatformAdminClient.JSON
                .createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("created_at", "2026-12-02T00:00:00Z")
                .put("record_count", 2);
        fake.snapshotsByImport.put(id, List.of(newer, older));
        fake.nextDiff = FakePlatformAdminClient.JSON.readTree(
                """
                {"counts": {"added": 1, "removed": 0, "changed": 1},
                 "added": [{"id": "c3", "values": {}}], "removed": [],
                 "changed": [{"id": "c1", "changes": [{"field": "first_name", "before": "Ann", "after": "Anna"}]}]}
                """);
        view().refreshDetail();
        view().compare.click();

        assertEquals("1 added, 0 removed, 1 changed", view().diffCounts.getText());
        assertEquals(2, GridKt._size(view().diff));
        assertEquals("Anna", GridKt._get(view().diff, 1).get("after"));
    }

    @Test
    void a_feed_url_is_shown_once_after_creation() {
        fill(List.of("id"));
        view().create.click();
        view().feeds.create.click();

        assertTrue(view().feeds.url.isVisible());
        assertEquals("http://api.test/feeds/feed_secret", view().feeds.url.getValue());
    }

    @Test
    void revoking_a_feed_revokes_it_on_the_platform_and_takes_it_off_the_list() {
        fill(List.of("id"));
        view().create.click();
        view().feeds.create.click();
        assertEquals(1, GridKt._size(view().feeds.feeds));

        ((Button) GridKt._getCellComponent(view().feeds.feeds, 0, "revoke")).click();

        assertFalse(fake.feedsByImport
                .get(view().selectedId())
                .get(0)
                .path("revoked_at")
                .isNull());
        assertEquals(0, GridKt._size(view().feeds.feeds));
    }

    @Test
    void a_field_changed_rule_is_added_with_its_field_and_value_and_listed() {
        fill(List.of("id", "first_name"));
        view().create.click();
        RulesPanel rules = view().rules;
        rules.when.setValue("field_changed");
        rules.field.setValue("first_name");
        rules.to.setValue("Anna");

        rules.add.click();

        assertEquals(1, GridKt._size(rules.rules));
        JsonNode rule = fake.rulesByImport.get(view().selectedId()).get(0);
        assertEquals("field_changed", rule.path("when").asText());
        assertEquals("first_name", rule.path("field").asText());
        assertEquals("Anna", rule.path("to").asText());
    }

    @Test
    void a_rule_the_platform_refuses_is_shown_on_its_field_and_not_listed() {
        fill(List.of("id"));
        view().create.click();
        RulesPanel rules = view().rules;
        rules.when.setValue("field_changed");

        rules.add.click();

        assertTrue(rules.field.isInvalid());
        assertEquals(0, GridKt._size(rules.rules));
    }

    @Test
    void deleting_a_rule_removes_it_from_the_list() {
        fill(List.of("id"));
        view().create.click();
        RulesPanel rules = view().rules;
        rules.add.click();
        assertEquals(1, GridKt._size(rules.rules));

        ((Button) GridKt._getCellComponent(rules.rules, 0, "delete")).click();

        assertEquals(0, GridKt._size(rules.rules));
    }
}
