package dev.interlink.admin.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import dev.interlink.admin.api.Dtos.FieldError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SettingsFormTest {
    private final List<SettingsForm.SaveEvent> events = new ArrayList<>();
    private SettingsForm form;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        form = new SettingsForm();
        form.addSaveListener(events::add);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void saving_fires_the_display_name_and_one_origin_per_non_empty_line() {
        form.displayName.setValue("Acme");
        form.origins.setValue("https://app.acme.test\n\n  https://admin.acme.test  \n");

        form.save.click();

        assertEquals(1, events.size());
        assertEquals("Acme", events.get(0).displayName());
        assertEquals(
                List.of("https://app.acme.test", "https://admin.acme.test"),
                events.get(0).allowedOrigins());
    }

    @Test
    void a_blank_display_name_is_refused_before_anything_is_sent() {
        form.displayName.setValue("  ");

        form.save.click();

        assertTrue(events.isEmpty());
        assertTrue(form.displayName.isInvalid());
    }

    @Test
    void an_origin_error_from_the_api_names_the_offending_line() {
        form.origins.setValue("https://ok.test\nhttp://evil.test/path");

        form.showErrors(List.of(new FieldError("/allowed_origins/1", "must be scheme://host[:port]")));

        assertTrue(form.origins.isInvalid());
        assertEquals("http://evil.test/path: must be scheme://host[:port]", form.origins.getErrorMessage());
        assertFalse(form.displayName.isInvalid());
    }
}
