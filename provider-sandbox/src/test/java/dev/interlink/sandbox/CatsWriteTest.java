package dev.interlink.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatsWriteTest extends CatsTestBase {

    static Map<String, Object> candidateBody() {
        return Map.of(
                "first_name",
                "Scott",
                "last_name",
                "Summers",
                "emails",
                List.of(Map.of("email", "cyclops@example.com", "is_primary", true)),
                "phones",
                List.of(Map.of("number", "+16124063451", "type", "mobile")));
    }

    @Test
    void create_returns_201_with_empty_body_and_absolute_location() {
        var a = newAccount(5);
        var r = send(a, "POST", "/candidates", candidateBody());
        assertEquals(201, r.status());
        assertEquals(0, r.bytes().length);
        assertTrue(r.header("Location").startsWith(a.baseUrl() + "/candidates/"), r.header("Location"));
    }

    @Test
    void created_candidate_is_readable_with_embedded_email_and_phone_rows() {
        var a = newAccount(5);
        long id = idFromLocation(send(a, "POST", "/candidates", candidateBody()));
        var c = get(a, "/candidates/" + id).json();
        assertEquals("cyclops@example.com", Http.at(c, "emails", "primary"));
        assertEquals("+16124063451", Http.at(c, "phones", "cell"));
        assertEquals("cyclops@example.com", Http.at(c, "_embedded", "emails", 0, "email"));
    }

    @Test
    void flat_email_and_phone_fields_are_accepted_but_silently_dropped() {
        var a = newAccount(5);
        var r = send(
                a,
                "POST",
                "/candidates",
                Map.of(
                        "first_name",
                        "Flat",
                        "last_name",
                        "Fields",
                        "email",
                        "flat@example.com",
                        "phone",
                        "+15551234567"));
        assertEquals(201, r.status());
        var c = get(a, "/candidates/" + idFromLocation(r)).json();
        assertNull(Http.at(c, "emails", "primary"));
        assertNull(Http.at(c, "phones", "cell"));
        assertEquals(List.of(), Http.at(c, "_embedded", "emails"));
    }

    @Test
    void missing_first_name_gives_400_with_message() {
        var a = newAccount(5);
        var r = send(a, "POST", "/candidates", Map.of("last_name", "Only"));
        assertEquals(400, r.status());
        assertEquals("Validation failed.", r.json().get("message"));
    }

    @Test
    void check_duplicate_returns_409_with_the_existing_data_item() {
        var a = newAccount(5);
        long id = idFromLocation(send(a, "POST", "/candidates", candidateBody()));
        var r = send(a, "POST", "/candidates?check_duplicate=true", candidateBody());
        assertEquals(409, r.status());
        assertEquals(((Number) Http.at(r.json(), "data_item", "id")).longValue(), id);
    }

    @Test
    void duplicates_are_created_when_check_duplicate_is_not_set() {
        var a = newAccount(5);
        send(a, "POST", "/candidates", candidateBody());
        assertEquals(201, send(a, "POST", "/candidates", candidateBody()).status());
    }

    @Test
    void update_returns_204_and_delete_returns_204_then_404() {
        var a = newAccount(5);
        long id = idFromLocation(send(a, "POST", "/candidates", candidateBody()));
        var u = send(a, "PUT", "/candidates/" + id, Map.of("first_name", "Alex"));
        assertEquals(204, u.status());
        assertEquals(0, u.bytes().length);
        assertEquals("Alex", get(a, "/candidates/" + id).json().get("first_name"));
        assertEquals(204, send(a, "DELETE", "/candidates/" + id, null).status());
        assertEquals(404, get(a, "/candidates/" + id).status());
    }

    @Test
    void deleting_a_seeded_candidate_shrinks_the_total() {
        var a = newAccount(10);
        Map<String, Object> c = Http.at(get(a, "/candidates").json(), "_embedded", "candidates", 2);
        send(a, "DELETE", "/candidates/" + c.get("id"), null);
        var body = get(a, "/candidates").json();
        assertEquals(9, body.get("total"));
        List<Map<String, Object>> items = Http.at(body, "_embedded", "candidates");
        assertTrue(items.stream().noneMatch(x -> x.get("id").equals(c.get("id"))));
    }

    @Test
    void email_sub_resource_adds_a_row_and_keeps_exactly_one_primary() {
        var a = newAccount(5);
        long id = idFromLocation(send(a, "POST", "/candidates", candidateBody()));
        var r = send(
                a, "POST", "/candidates/" + id + "/emails", Map.of("email", "new@example.com", "is_primary", true));
        assertEquals(201, r.status());
        List<Map<String, Object>> rows =
                Http.at(get(a, "/candidates/" + id + "/emails").json(), "_embedded", "emails");
        assertEquals(2, rows.size());
        assertEquals(
                1,
                rows.stream()
                        .filter(x -> Boolean.TRUE.equals(x.get("is_primary")))
                        .count());
        assertEquals("new@example.com", Http.at(get(a, "/candidates/" + id).json(), "emails", "primary"));
    }

    @Test
    void phone_sub_resource_supports_update_and_delete() {
        var a = newAccount(5);
        long id = idFromLocation(send(a, "POST", "/candidates", candidateBody()));
        long pid = idFromLocation(
                send(a, "POST", "/candidates/" + id + "/phones", Map.of("number", "+12125550199", "type", "work")));
        assertEquals(
                204,
                send(a, "PUT", "/candidates/" + id + "/phones/" + pid, Map.of("number", "+12125550100"))
                        .status());
        assertEquals(
                "+12125550100",
                get(a, "/candidates/" + id + "/phones/" + pid).json().get("number"));
        assertEquals(
                204,
                send(a, "DELETE", "/candidates/" + id + "/phones/" + pid, null).status());
        assertEquals(404, get(a, "/candidates/" + id + "/phones/" + pid).status());
    }

    @Test
    void tags_post_replaces_and_put_attaches() {
        var a = newAccount(5);
        long id = idFromLocation(send(a, "POST", "/candidates", candidateBody()));
        send(a, "POST", "/candidates/" + id + "/tags", Map.of("tags", List.of(Map.of("id", 679))));
        send(a, "PUT", "/candidates/" + id + "/tags", Map.of("tags", List.of(Map.of("id", 680))));
        assertEquals(2, get(a, "/candidates/" + id + "/tags").json().get("count"));
        send(a, "POST", "/candidates/" + id + "/tags", Map.of("tags", List.of(Map.of("id", 681))));
        assertEquals(1, get(a, "/candidates/" + id + "/tags").json().get("count"));
    }

    @Test
    void custom_field_value_outside_dropdown_options_is_rejected() {
        var a = newAccount(5);
        long id = idFromLocation(send(a, "POST", "/candidates", candidateBody()));
        assertEquals(
                400,
                send(a, "PUT", "/candidates/" + id + "/custom_fields/170911", Map.of("value", "XXXL"))
                        .status());
        assertEquals(
                204,
                send(a, "PUT", "/candidates/" + id + "/custom_fields/170911", Map.of("value", "M"))
                        .status());
        assertEquals(
                "M",
                get(a, "/candidates/" + id + "/custom_fields/170911").json().get("value"));
    }

    @Test
    void filter_search_contains_matches_any_token() {
        var a = newAccount(5);
        send(a, "POST", "/candidates", Map.of("first_name", "A", "last_name", "B", "title", "Logan Lake"));
        send(a, "POST", "/candidates", Map.of("first_name", "C", "last_name", "D", "title", "Deer Lake"));
        var r = send(
                a, "POST", "/candidates/search", Map.of("field", "title", "filter", "contains", "value", "Logan Lake"));
        assertEquals(2, r.json().get("total"));
    }

    @Test
    void company_create_returns_location_and_job_requires_location_and_company() {
        var a = newAccount(5);
        long company = idFromLocation(send(a, "POST", "/companies", Map.of("name", "Xavier Institute")));
        assertEquals(400, send(a, "POST", "/jobs", Map.of("title", "Teacher")).status());
        var r = send(
                a,
                "POST",
                "/jobs",
                Map.of(
                        "title",
                        "Teacher",
                        "company_id",
                        company,
                        "location",
                        Map.of("city", "Salem Center", "state", "NY", "postal_code", "10560")));
        assertEquals(201, r.status());
        assertEquals("Teacher", get(a, "/jobs/" + idFromLocation(r)).json().get("title"));
    }

    @Test
    void job_status_change_returns_201_and_updates_status_id() {
        var a = newAccount(5);
        Map<String, Object> j = Http.at(get(a, "/jobs").json(), "_embedded", "jobs", 0);
        assertEquals(
                201,
                send(a, "POST", "/jobs/" + j.get("id") + "/status", Map.of("status_id", 3005))
                        .status());
        assertEquals(3005, get(a, "/jobs/" + j.get("id")).json().get("status_id"));
        assertEquals(6, get(a, "/jobs/statuses").json().get("count"));
    }
}
