package dev.interlink.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoxoReferenceTest extends LoxoTestBase {

    @Test
    void per_page_on_deals_is_rejected_with_422() {
        assertEquals(
                List.of("Invalid parameters: [:per_page]"),
                get(newAccount(5), "/deals?per_page=5").json().get("errors"));
    }

    @Test
    void page_and_per_page_on_placements_are_both_rejected_with_422() {
        var a = newAccount(5);
        assertEquals(422, get(a, "/placements?page=2").status());
        assertEquals(422, get(a, "/placements?per_page=2").status());
        assertEquals(
                List.of("Invalid parameters: [:page, :per_page]"),
                get(a, "/placements?page=2&per_page=2").json().get("errors"));
    }

    @Test
    void placements_use_scroll_id_with_string_money_and_date_only_fields() {
        var body = get(newAccount(300), "/placements").json();
        assertNotNull(body.get("scroll_id"));
        Map<String, Object> p = Http.at(body, "placements", 0);
        assertInstanceOf(String.class, p.get("salary"));
        assertTrue(((String) p.get("start_date")).matches("\\d{4}-\\d\\d-\\d\\d"));
    }

    @Test
    void countries_are_page_based_with_a_countries_key() {
        var body = get(newAccount(5), "/countries?page=2&per_page=5").json();
        assertEquals(2, body.get("current_page"));
        assertEquals(5, ((List<?>) body.get("countries")).size());
        assertNotNull(body.get("total_pages"));
    }

    @Test
    void source_types_use_after_id_keyset_and_return_a_bare_array() {
        var a = newAccount(5);
        List<Map<String, Object>> all =
                (List<Map<String, Object>>) get(a, "/source_types").any();
        List<Map<String, Object>> after = (List<Map<String, Object>>)
                get(a, "/source_types?after_id=" + all.get(1).get("id")).any();
        assertEquals(all.size() - 2, after.size());
    }

    @Test
    void dynamic_fields_ignore_after_id() {
        var a = newAccount(5);
        assertEquals(
                get(a, "/dynamic_fields").any(),
                get(a, "/dynamic_fields?after_id=2").any());
    }

    @Test
    void currencies_are_a_bare_array() {
        assertInstanceOf(List.class, get(newAccount(5), "/currencies").any());
    }
}
