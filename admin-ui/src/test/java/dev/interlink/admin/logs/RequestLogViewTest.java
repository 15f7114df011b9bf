package dev.interlink.admin.logs;

import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import dev.interlink.admin.AdminUiTest;
import dev.interlink.admin.api.Dtos.RequestLog;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestLogViewTest extends AdminUiTest {
    private final UUID account = UUID.randomUUID();

    @BeforeEach
    void open() {
        signedIn();
        platform.logs.add(new RequestLog(
                1, null, account, "GET", "/unified/ats/candidates", 200, 120, 90L, "req_1", Instant.now()));
        platform.logs.add(
                new RequestLog(2, null, account, "GET", "/unified/ats/jobs", 502, 300, 280L, "req_2", Instant.now()));
        platform.logs.add(new RequestLog(
                3, null, UUID.randomUUID(), "GET", "/unified/ats/jobs", 200, 50, 20L, "req_3", Instant.now()));
    }

    @SuppressWarnings("unchecked")
    private static Grid<RequestLog> grid() {
        return _get(Grid.class, s -> s.withId("logs"));
    }

    @Test
    void filtering_by_status_class_shows_only_failures() {
        UI.getCurrent().navigate("logs");

        ((ComboBox<String>) _get(ComboBox.class, s -> s.withId("log-status"))).setValue("5xx");

        assertEquals(1, _size(grid()));
    }

    @Test
    void the_account_in_the_query_string_filters_the_log() {
        UI.getCurrent().navigate("logs", com.vaadin.flow.router.QueryParameters.of("account", account.toString()));

        assertEquals(2, _size(grid()));
        assertEquals(
                account, platform.logQueries.get(platform.logQueries.size() - 1).accountId());
    }

    @Test
    void the_detail_separates_provider_time_from_interlink_time_and_shows_no_secrets() {
        UI.getCurrent().navigate("logs");
        _size(grid());
        RequestLogView view = (RequestLogView)
                UI.getCurrent().getInternals().getActiveRouterTargetsChain().get(0);

        view.showDetail(platform.logs.get(0));

        String text = _get(Div.class, s -> s.withId("log-detail")).getElement().getTextRecursively();
        assertTrue(text.contains("Provider time90 ms"));
        assertTrue(text.contains("Interlink time30 ms"));
        assertTrue(text.contains("req_1"));
        assertFalse(text.toLowerCase().contains("authorization"));
    }
}
