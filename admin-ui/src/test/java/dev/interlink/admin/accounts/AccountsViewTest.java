package dev.interlink.admin.accounts;

import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import dev.interlink.admin.AdminUiTest;
import dev.interlink.admin.api.Dtos.Account;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountsViewTest extends AdminUiTest {
    @BeforeEach
    void open() {
        signedIn();
    }

    @SuppressWarnings("unchecked")
    private static Grid<Account> grid() {
        return _get(Grid.class, s -> s.withId("accounts"));
    }

    @Test
    void the_grid_pages_through_thousands_of_accounts_over_the_cursor() {
        for (int i = 0; i < 2000; i++) {
            platform.addAccount(i % 2 == 0 ? "cats" : "loxo", "user-" + i, "active");
        }
        UI.getCurrent().navigate("accounts");

        assertEquals(2000, _size(grid()));
        assertEquals(2000 / AccountsView.PAGE_SIZE, platform.accountPageCalls);
    }

    @Test
    void filtering_by_status_asks_the_api_for_that_status_only() {
        platform.addAccount("cats", "u1", "active");
        platform.addAccount("cats", "u2", "needs_reauth");
        UI.getCurrent().navigate("accounts");

        ((ComboBox<String>) _get(ComboBox.class, s -> s.withId("filter-status"))).setValue("needs_reauth");

        assertEquals(1, _size(grid()));
        assertEquals(
                "needs_reauth",
                platform.accountQueries.get(platform.accountQueries.size() - 1).status());
    }

    @Test
    void the_account_in_the_url_is_shown_beside_the_list() {
        Account a = platform.addAccount("loxo", "u7", "active");

        UI.getCurrent().navigate("accounts/" + a.id());

        assertEquals(
                "loxo · User u7 (u7)",
                _get(H3.class, s -> s.withId("account-title")).getText());
    }

    @Test
    void the_capabilities_show_the_read_and_the_write_operations_of_each_resource() {
        platform.capabilities = Map.of(
                "resources",
                Map.of(
                        "applications",
                        Map.of(
                                "operations",
                                List.of("list", "get"),
                                "write_operations",
                                List.of("create", "move_stage", "reject")),
                        "jobs",
                        Map.of("operations", List.of("list", "get"), "write_operations", List.of())));
        Account a = platform.addAccount("cats", "u7", "active");

        UI.getCurrent().navigate("accounts/" + a.id());

        assertEquals(
                "read: list, get · write: create, move_stage, reject",
                _get(Span.class, s -> s.withId("capability-applications")).getText());
        assertEquals(
                "read: list, get · write: none",
                _get(Span.class, s -> s.withId("capability-jobs")).getText());
    }

    @Test
    void an_account_id_of_another_tenant_shows_not_found() {
        UI.getCurrent().navigate("accounts/" + UUID.randomUUID());

        assertTrue(_get(Paragraph.class, s -> s.withId("account-not-found"))
                .getText()
                .contains("No such account"));
    }

    @Test
    void disabling_an_account_changes_its_status_through_the_api() {
        Account a = platform.addAccount("cats", "u1", "active");
        UI.getCurrent().navigate("accounts/" + a.id());

        _click(_get(Button.class, s -> s.withId("toggle-account")));

        assertEquals("disabled", platform.accounts.get(a.id()).status());
        assertEquals(
                "Enable", _get(Button.class, s -> s.withId("toggle-account")).getText());
    }

    @Test
    void with_no_accounts_the_page_says_how_to_get_one() {
        UI.getCurrent().navigate("accounts");
        _size(grid());

        assertTrue(_get(com.vaadin.flow.component.html.Div.class, s -> s.withId("accounts-empty"))
                .getText()
                .contains("Create a link token"));
    }
}
