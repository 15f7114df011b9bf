package dev.interlink.admin.overview;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import dev.interlink.admin.AdminUiTest;
import dev.interlink.admin.api.Dtos.AccountCount;
import dev.interlink.admin.api.Dtos.AccountNeedingReauth;
import dev.interlink.admin.api.Dtos.Bucket;
import dev.interlink.admin.api.Dtos.Overview;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OverviewViewTest extends AdminUiTest {
    @BeforeEach
    void open() {
        signedIn();
    }

    @Test
    void a_new_tenant_is_told_how_to_get_its_first_account() {
        UI.getCurrent().navigate("");

        assertTrue(_get(Div.class, s -> s.withId("accounts-empty")).getText().contains("create a link token"));
    }

    @Test
    void accounts_needing_reauthorization_are_listed_on_top() {
        platform.overview = new Overview(
                List.of(new AccountCount("cats", "needs_reauth", 1)),
                List.of(new AccountNeedingReauth(
                        UUID.randomUUID(), "cats", "u1", "Jane", "API key revoked", Instant.now())),
                List.of(),
                List.of());
        UI.getCurrent().navigate("");

        Div box = _get(Div.class, s -> s.withId("needs-reauth"));
        assertTrue(box.getElement().getTextRecursively().contains("1 account needs re-authorization"));
        assertTrue(box.getElement().getTextRecursively().contains("API key revoked"));
    }

    @Test
    void the_24_hour_chart_has_one_bar_per_hour_and_the_error_rate_is_summed() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(23, ChronoUnit.HOURS);
        List<Bucket> hours = IntStream.range(0, 24)
                .mapToObj(i -> new Bucket(start.plus(i, ChronoUnit.HOURS), 10, i == 0 ? 4 : 0))
                .toList();
        platform.overview = new Overview(List.of(), List.of(), hours, List.of());
        UI.getCurrent().navigate("");

        assertEquals(
                24, _get(Div.class, s -> s.withId("chart-24h")).getChildren().count());
        assertEquals(
                "240 requests · 4 errors · error rate 1.7%",
                _get(Div.class, s -> s.withId("stats-24h")).getText());
    }
}
