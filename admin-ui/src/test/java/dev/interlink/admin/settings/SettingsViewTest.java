package dev.interlink.admin.settings;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.interlink.admin.AdminUiTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SettingsViewTest extends AdminUiTest {
    @BeforeEach
    void open() {
        signedIn();
        UI.getCurrent().navigate("settings");
    }

    @Test
    void saving_valid_settings_stores_them_through_the_api() {
        _setValue(_get(TextField.class, s -> s.withId("display-name")), "Acme Inc");
        _setValue(_get(TextArea.class, s -> s.withId("allowed-origins")), "https://app.acme.test");

        _click(_get(Button.class, s -> s.withId("save-settings")));

        assertEquals("Acme Inc", platform.tenant.displayName());
        assertEquals(List.of("https://app.acme.test"), platform.tenant.allowedOrigins());
    }

    @Test
    void an_origin_the_api_refuses_is_marked_on_the_field() {
        _setValue(_get(TextArea.class, s -> s.withId("allowed-origins")), "http://app.acme.test");

        _click(_get(Button.class, s -> s.withId("save-settings")));

        assertTrue(_get(TextArea.class, s -> s.withId("allowed-origins")).isInvalid());
        assertEquals(List.of(), platform.tenant.allowedOrigins());
    }

    @Test
    void the_page_links_to_the_openapi_docs_of_the_configured_api() {
        assertEquals(
                "http://api.test/swagger-ui/index.html",
                _get(Anchor.class, s -> s.withId("openapi-link")).getHref());
    }
}
