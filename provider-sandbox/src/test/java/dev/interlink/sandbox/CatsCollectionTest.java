package dev.interlink.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatsCollectionTest extends CatsTestBase {

    @Test
    void list_defaults_to_25_per_page_with_count_total_and_embedded_collection() {
        var a = newAccount(60);
        var body = get(a, "/candidates").json();
        assertEquals(25, body.get("count"));
        assertEquals(60, body.get("total"));
        List<?> items = Http.at(body, "_embedded", "candidates");
        assertEquals(25, items.size());
    }

    @Test
    void per_page_above_100_is_clamped_to_100() {
        var a = newAccount(150);
        var body = get(a, "/candidates?per_page=1000").json();
        assertEquals(100, body.get("count"));
    }

    @Test
    void next_link_is_present_only_when_there_are_more_pages() {
        var a = newAccount(30);
        Map<String, Object> p1 = get(a, "/candidates?per_page=20&page=1").json();
        Map<String, Object> p2 = get(a, "/candidates?per_page=20&page=2").json();
        assertNotNull(Http.at(p1, "_links", "next"));
        assertEquals("/candidates?per_page=20&page=2", Http.at(p1, "_links", "next", "href"));
        assertNull(Http.at(p2, "_links", "next"));
        assertEquals(10, p2.get("count"));
    }

    @Test
    void candidates_are_listed_oldest_first_and_sort_is_ignored() {
        var a = newAccount(10);
        List<Map<String, Object>> items =
                Http.at(get(a, "/candidates?sort=-date_created").json(), "_embedded", "candidates");
        for (int i = 1; i < items.size(); i++)
            assertTrue(((String) items.get(i - 1).get("date_created"))
                            .compareTo((String) items.get(i).get("date_created"))
                    < 0);
    }

    @Test
    void seeded_data_is_deterministic_for_the_same_seed() {
        var a = newAccount(20);
        var b = newAccount(20);
        assertEquals(
                get(a, "/candidates?page=1").json().get("_embedded"),
                get(b, "/candidates?page=1").json().get("_embedded"));
    }

    @Test
    void timestamps_are_rfc3339_with_numeric_offsets() {
        var a = newAccount(5);
        Map<String, Object> c = Http.at(get(a, "/candidates").json(), "_embedded", "candidates", 0);
        assertTrue(
                ((String) c.get("date_created")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d"));
        Map<String, Object> p = Http.at(get(a, "/pipelines").json(), "_embedded", "pipelines", 0);
        assertTrue(((String) p.get("date_created")).endsWith("-05:00"));
    }

    @Test
    void record_links_are_relative_without_v3() {
        var a = newAccount(5);
        Map<String, Object> c = Http.at(get(a, "/candidates").json(), "_embedded", "candidates", 0);
        assertEquals("/candidates/" + c.get("id"), Http.at(c, "_links", "self", "href"));
    }

    @Test
    void a_large_account_can_be_paged_to_the_end() {
        var a = newAccount(100_000);
        var last = get(a, "/candidates?per_page=100&page=1000").json();
        assertEquals(100, last.get("count"));
        assertEquals(100_000, last.get("total"));
        assertNull(Http.at(last, "_links", "next"));
        assertEquals(0, get(a, "/candidates?per_page=100&page=1001").json().get("count"));
    }

    @Test
    void search_uses_the_query_parameter() {
        var a = newAccount(50);
        Map<String, Object> c = Http.at(get(a, "/candidates").json(), "_embedded", "candidates", 3);
        var r = get(a, "/candidates/search?query=" + c.get("last_name")).json();
        List<Map<String, Object>> hits = Http.at(r, "_embedded", "candidates");
        assertTrue(hits.stream().allMatch(h -> h.get("last_name").equals(c.get("last_name"))));
        assertTrue(hits.size() < 50);
    }

    @Test
    void search_with_q_instead_of_query_is_ignored_and_returns_everything() {
        var a = newAccount(50);
        assertEquals(50, get(a, "/candidates/search?q=zzzz").json().get("total"));
    }

    @Test
    void users_are_read_only() {
        var a = newAccount(5);
        List<Map<String, Object>> users = Http.at(get(a, "/users").json(), "_embedded", "users");
        assertFalse(users.isEmpty());
        assertNotNull(users.get(0).get("access_level"));
        assertEquals(405, send(a, "POST", "/users", Map.of("first_name", "x")).status());
    }

    @Test
    void webhooks_list_advertises_next_even_on_a_complete_set() {
        var a = newAccount(5);
        send(
                a,
                "POST",
                "/webhooks",
                Map.of("events", List.of("candidate.created"), "target_url", "http://127.0.0.1:9/x"));
        var body = get(a, "/webhooks").json();
        assertEquals(1, body.get("count"));
        assertNotNull(Http.at(body, "_links", "next"));
    }

    @Test
    void events_feed_has_neither_total_nor_next() {
        var a = newAccount(5);
        send(a, "POST", "/candidates", Map.of("first_name", "Ev", "last_name", "Ent"));
        var body = get(a, "/events?starting_after_id=0").json();
        assertEquals(1, body.get("count"));
        assertFalse(body.containsKey("total"));
        assertNull(Http.at(body, "_links", "next"));
        assertEquals("candidate.created", Http.at(body, "_embedded", "events", 0, "event"));
    }
}
