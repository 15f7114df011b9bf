package dev.interlink.admin.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NewClientFormTest {
    private final List<NewClientForm.CreateEvent> events = new ArrayList<>();
    private NewClientForm form;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        form = new NewClientForm();
        form.addCreateListener(events::add);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void creating_fires_the_name_and_the_chosen_scopes_in_a_stable_order() {
        form.name.setValue("backend");
        form.scopes.setValue(Set.of("unified:read", "accounts:read"));

        form.create.click();

        assertEquals("backend", events.get(0).name());
        assertEquals(List.of("accounts:read", "unified:read"), events.get(0).scopes());
    }

    @Test
    void a_client_without_a_name_is_not_created() {
        form.create.click();

        assertTrue(events.isEmpty());
        assertTrue(form.name.isInvalid());
    }

    @Test
    void a_client_without_scopes_is_not_created() {
        form.name.setValue("backend");
        form.scopes.clear();

        form.create.click();

        assertTrue(events.isEmpty());
        assertTrue(form.scopes.isInvalid());
    }
}
