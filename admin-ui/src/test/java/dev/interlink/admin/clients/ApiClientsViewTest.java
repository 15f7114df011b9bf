package dev.interlink.admin.clients;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.interlink.admin.AdminUiTest;
import dev.interlink.admin.api.Dtos.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiClientsViewTest extends AdminUiTest {
    @BeforeEach
    void open() {
        signedIn();
    }

    @Test
    void with_no_clients_the_page_says_how_to_start() {
        UI.getCurrent().navigate("api-clients");

        assertTrue(_get(Div.class, s -> s.withId("clients-empty")).getText().contains("create one below"));
    }

    @Test
    void creating_a_client_shows_its_secret_once() {
        UI.getCurrent().navigate("api-clients");
        _setValue(_get(TextField.class, s -> s.withId("client-name")), "backend");

        _click(_get(Button.class, s -> s.withId("create-client")));

        assertEquals(
                "secret-of-backend",
                _get(TextField.class, s -> s.withId("client-secret")).getValue());
        assertEquals(1, platform.clients.size());
    }

    @Test
    void rotating_a_secret_shows_the_new_one() {
        platform.createApiClient("admin-token", "backend", java.util.List.of("proxy"));
        UI.getCurrent().navigate("api-clients");

        @SuppressWarnings("unchecked")
        Grid<ApiClient> grid = _get(Grid.class, s -> s.withId("clients"));
        HorizontalLayout actions = (HorizontalLayout) GridKt._getCellComponent(grid, 0, "actions");
        _click((Button) actions.getComponentAt(0));

        assertEquals(
                "rotated-secret",
                _get(TextField.class, s -> s.withId("client-secret")).getValue());
    }
}
