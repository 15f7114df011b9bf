package dev.interlink.admin.webhooks;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.interlink.admin.AdminUiTest;
import dev.interlink.admin.api.Dtos.WebhookDelivery;
import dev.interlink.admin.api.Dtos.WebhookEndpoint;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhooksViewTest extends AdminUiTest {
    @BeforeEach
    void open() {
        signedIn();
    }

    /** The action button {@code prefix + endpoint id} in the endpoint's grid row (cells are not in the tree). */
    private static Button action(String prefix, WebhookEndpoint e) {
        @SuppressWarnings("unchecked")
        Grid<WebhookEndpoint> grid = _get(Grid.class, s -> s.withId("webhook-endpoints"));
        for (int row = 0; row < GridKt._size(grid); row++) {
            if (GridKt._get(grid, row).id().equals(e.id())) {
                HorizontalLayout actions = (HorizontalLayout) GridKt._getCellComponent(grid, row, "actions");
                return (Button) actions.getChildren()
                        .filter(c -> c.getId().orElse("").equals(prefix + e.id()))
                        .findFirst()
                        .orElseThrow();
            }
        }
        throw new AssertionError("no row for " + e.url());
    }

    private static WebhooksView view() {
        return _get(WebhooksView.class);
    }

    @Test
    void with_no_endpoints_the_page_says_how_to_start() {
        UI.getCurrent().navigate("webhooks");

        assertTrue(_get(Div.class, s -> s.withId("webhooks-empty")).getText().contains("add one below"));
    }

    @Test
    void creating_an_endpoint_shows_its_signing_secret_once() {
        UI.getCurrent().navigate("webhooks");
        _setValue(_get(TextField.class, s -> s.withId("webhook-url")), "https://hooks.acme.test/in");
        @SuppressWarnings("unchecked")
        MultiSelectComboBox<String> types = _get(MultiSelectComboBox.class, s -> s.withId("webhook-event-types"));
        types.setValue(Set.of("integrated_account.*"));

        _click(_get(Button.class, s -> s.withId("create-webhook")));

        assertEquals(
                "whsec_secret-of-https://hooks.acme.test/in",
                _get(TextField.class, s -> s.withId("webhook-secret")).getValue());
        assertEquals(1, platform.webhookEndpoints.size());
    }

    @Test
    void invalid_fields_are_marked_on_the_form() {
        UI.getCurrent().navigate("webhooks");
        _setValue(_get(TextField.class, s -> s.withId("webhook-url")), "http://hooks.acme.test/in");

        _click(_get(Button.class, s -> s.withId("create-webhook")));

        assertTrue(_get(TextField.class, s -> s.withId("webhook-url")).isInvalid());
        assertTrue(_get(MultiSelectComboBox.class, s -> s.withId("webhook-event-types"))
                .isInvalid());
        assertTrue(platform.webhookEndpoints.isEmpty());
    }

    @Test
    void an_endpoint_disabled_after_failures_gets_a_notice_and_can_be_enabled() {
        WebhookEndpoint e = platform.addWebhookEndpoint(
                "https://hooks.acme.test/dead", "disabled", "Every attempt failed since 2026-11-28T10:00:00Z (5 days)");
        UI.getCurrent().navigate("webhooks");

        assertTrue(view().notice.isVisible());
        assertTrue(view().notice.getText().contains("5 days"));

        _click(action("toggle-", e));

        assertEquals("active", platform.webhookEndpoints.get(e.id()).status());
        assertFalse(view().notice.isVisible());
    }

    @Test
    void an_endpoint_the_tenant_disabled_gets_no_failure_notice() {
        platform.addWebhookEndpoint("https://hooks.acme.test/off", "disabled", "Disabled by the tenant");
        UI.getCurrent().navigate("webhooks");

        assertFalse(view().notice.isVisible());
    }

    @Test
    void rotating_shows_the_new_secret_and_send_test_queues_a_test_event() {
        WebhookEndpoint e = platform.addWebhookEndpoint("https://hooks.acme.test/in", "active", null);
        UI.getCurrent().navigate("webhooks");

        _click(action("rotate-", e));
        assertEquals(
                "whsec_rotated",
                _get(TextField.class, s -> s.withId("webhook-secret")).getValue());
        _click(_get(Button.class, s -> s.withId("close-webhook-secret")));

        _click(action("test-", e));
        assertEquals(1, platform.testsSent);
    }

    @Test
    void deliveries_filter_by_status_and_event_type_and_a_delivery_opens_with_headers_body_and_retry() {
        WebhookEndpoint e = platform.addWebhookEndpoint("https://hooks.acme.test/in", "active", null);
        WebhookDelivery failed = platform.addWebhookDelivery(e.id(), "ats.job.created", "failed");
        platform.addWebhookDelivery(e.id(), "integrated_account.needs_reauth", "succeeded");
        UI.getCurrent().navigate("webhooks");
        _click(action("deliveries-", e));

        @SuppressWarnings("unchecked")
        Grid<WebhookDelivery> grid = _get(Grid.class, s -> s.withId("webhook-deliveries"));
        assertEquals(2, GridKt._size(grid));
        @SuppressWarnings("unchecked")
        ComboBox<String> status = _get(ComboBox.class, s -> s.withId("delivery-status"));
        _setValue(status, "failed");
        assertEquals(1, GridKt._size(grid));
        assertEquals(failed.id(), GridKt._get(grid, 0).id());

        _get(DeliveriesPanel.class).open(GridKt._get(grid, 0));
        assertTrue(_get(TextArea.class, s -> s.withId("delivery-headers"))
                .getValue()
                .contains("webhook-signature: v1,"));
        assertTrue(
                _get(TextArea.class, s -> s.withId("delivery-body")).getValue().contains("ats.job.created"));
        _click(_get(Button.class, s -> s.withId("retry-delivery")));
        assertEquals(failed.id(), platform.retried.get(0));
    }

    @Test
    void replay_sends_the_chosen_time_as_utc() {
        WebhookEndpoint e = platform.addWebhookEndpoint("https://hooks.acme.test/in", "active", null);
        UI.getCurrent().navigate("webhooks");
        _click(action("deliveries-", e));

        _setValue(_get(DateTimePicker.class, s -> s.withId("replay-since")), LocalDateTime.of(2026, 12, 1, 9, 30));
        _click(_get(Button.class, s -> s.withId("replay")));

        assertEquals(Instant.parse("2026-12-01T09:30:00Z"), platform.replayedSince.get(0));
    }
}
