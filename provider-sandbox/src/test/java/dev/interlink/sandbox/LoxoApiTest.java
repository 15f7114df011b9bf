package dev.interlink.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoxoApiTest extends LoxoTestBase {

    @Test
    void unknown_agency_slug_gives_404() {
        var a = newAccount(5);
        var r = Http.send(
                "GET", sb.baseUrl() + "/loxo/api/no-such-agency/people", null, "Authorization", "Bearer " + a.apiKey());
        assertEquals(404, r.status());
        assertEquals(Map.of("status", 404, "error", "Not Found"), r.json());
    }

    @Test
    void bad_bearer_key_gives_401_with_status_and_error() {
        var a = newAccount(5);
        var r = Http.send("GET", a.baseUrl() + "/people", null, "Authorization", "Bearer wrong");
        assertEquals(401, r.status());
        assertEquals(Map.of("status", 401, "error", "Unauthorized"), r.json());
    }

    @Test
    void another_agencys_key_is_rejected() {
        var a = newAccount(5);
        var b = newAccount(5);
        var r = Http.send("GET", a.baseUrl() + "/people", null, "Authorization", "Bearer " + b.apiKey());
        assertEquals(401, r.status());
    }

    @Test
    void people_use_scroll_id_that_is_uppercase_hex_of_a_json_array() {
        var a = newAccount(30);
        var body = get(a, "/people?per_page=10").json();
        String scroll = (String) body.get("scroll_id");
        assertTrue(scroll.matches("[0-9A-F]+"));
        String decoded = new String(HexFormat.of().parseHex(scroll), StandardCharsets.US_ASCII);
        assertTrue(decoded.startsWith("[") && decoded.endsWith("]"), decoded);
        assertEquals(30, body.get("total_count"));
        assertEquals(10, ((List<?>) body.get("people")).size());
    }

    @Test
    void scrolling_people_visits_every_record_once_then_ends_with_null_scroll_id() {
        var a = newAccount(23);
        java.util.Set<Object> seen = new java.util.HashSet<>();
        String scroll = null;
        for (int i = 0; i < 10; i++) {
            var body = get(a, "/people?per_page=10" + (scroll == null ? "" : "&scroll_id=" + scroll))
                    .json();
            List<Map<String, Object>> people = Http.at(body, "people");
            people.forEach(p -> assertTrue(seen.add(p.get("id"))));
            scroll = (String) body.get("scroll_id");
            if (people.isEmpty()) {
                assertNull(scroll);
                break;
            }
        }
        assertEquals(23, seen.size());
    }

    @Test
    void a_100k_person_agency_scrolls_to_its_last_page() {
        var a = newAccount(100_000);
        var first = get(a, "/people?per_page=100").json();
        assertEquals(100_000, first.get("total_count"));
        long firstId = ((Number) Http.at(first, "people", 0, "id")).longValue();
        // a cursor positioned 10 records before the end, in the documented [ts, score, id] shape
        String cursor = HexFormat.of()
                .withUpperCase()
                .formatHex(("[0,0.0," + (firstId + 99_989) + "]").getBytes(StandardCharsets.US_ASCII));
        var tail = get(a, "/people?per_page=100&scroll_id=" + cursor).json();
        assertEquals(10, ((List<?>) tail.get("people")).size());
        var end = get(a, "/people?per_page=100&scroll_id=" + tail.get("scroll_id"))
                .json();
        assertEquals(List.of(), end.get("people"));
        assertNull(end.get("scroll_id"));
    }

    @Test
    void per_page_on_companies_is_rejected_with_422_invalid_parameters() {
        var a = newAccount(5);
        var r = get(a, "/companies?per_page=10");
        assertEquals(422, r.status());
        assertEquals(Map.of("errors", List.of("Invalid parameters: [:per_page]")), r.json());
    }

    @Test
    void companies_list_has_scroll_id_total_count_and_facets() {
        var a = newAccount(5);
        var body = get(a, "/companies").json();
        assertTrue(body.containsKey("scroll_id"));
        assertTrue(body.containsKey("facets"));
        assertFalse(((List<?>) body.get("companies")).isEmpty());
    }

    @Test
    void job_id_singular_on_person_events_is_rejected_with_422() {
        var a = newAccount(5);
        var r = get(a, "/person_events?job_id=1");
        assertEquals(422, r.status());
        assertEquals(List.of("Invalid parameters: [:job_id]"), r.json().get("errors"));
    }

    @Test
    void after_id_on_activity_types_is_rejected_with_422() {
        assertEquals(422, get(newAccount(5), "/activity_types?after_id=3").status());
    }

    @Test
    void jobs_are_paged_with_top_level_current_page_total_pages_and_results() {
        var a = newAccount(200);
        var body = get(a, "/jobs?page=2&per_page=3").json();
        assertEquals(2, body.get("current_page"));
        assertEquals(3, body.get("per_page"));
        assertEquals(10, body.get("total_count"));
        assertEquals(4, body.get("total_pages"));
        assertEquals(3, ((List<?>) body.get("results")).size());
        assertFalse(body.containsKey("jobs"));
    }

    @Test
    void paging_jobs_past_10000_results_gives_400() {
        var a = newAccount(5);
        assertEquals(400, get(a, "/jobs?page=101&per_page=100").status());
        assertEquals(200, get(a, "/jobs?page=100&per_page=100").status());
    }

    @Test
    void users_workflow_stages_and_activity_types_are_bare_arrays() {
        var a = newAccount(5);
        for (String p : List.of("/users", "/workflow_stages", "/activity_types", "/workflows", "/job_statuses"))
            assertInstanceOf(List.class, get(a, p).any(), p);
    }

    @Test
    void activity_types_carry_their_mapped_workflow_stage() {
        List<Map<String, Object>> types = (List<Map<String, Object>>)
                get(newAccount(5), "/activity_types").any();
        var applied = types.stream()
                .filter(t -> "applied".equals(t.get("key")))
                .findFirst()
                .orElseThrow();
        assertNotNull(applied.get("workflow_stage_id"));
    }

    @Test
    void person_create_with_form_encoded_rails_keys_returns_person_and_errors_envelope() {
        var a = newAccount(5);
        var r = form(
                a,
                "POST",
                "/people",
                "person%5Bname%5D=Ada+Lovelace&person%5Bemails%5D%5B%5D%5Bvalue%5D=ada%40example.com"
                        + "&person%5Bemails%5D%5B%5D%5Bvalue%5D=ada2%40example.com&person%5Btitle%5D=Engineer");
        assertEquals(200, r.status());
        var body = r.json();
        assertEquals(List.of(), body.get("errors"));
        assertEquals("Ada Lovelace", Http.at(body, "person", "name"));
        assertEquals("Engineer", Http.at(body, "person", "current_title"));
        List<Map<String, Object>> emails = Http.at(body, "person", "emails");
        assertEquals(2, emails.size());
        long id = ((Number) Http.at(body, "person", "id")).longValue();
        assertEquals("Ada Lovelace", get(a, "/people/" + id).json().get("name"));
    }

    @Test
    void person_create_accepts_wrapped_json_and_multipart() {
        var a = newAccount(5);
        var j = json(a, "POST", "/people", Map.of("person", Map.of("name", "Json Person")));
        assertEquals("Json Person", Http.at(j.json(), "person", "name"));
        var m = multipart(a, "POST", "/people", "person[name]", "Multi Part", "person[phone]", "+15550001111");
        assertEquals("Multi Part", Http.at(m.json(), "person", "name"));
        assertEquals("+15550001111", Http.at(m.json(), "person", "phones", 0, "value"));
    }

    @Test
    void single_person_get_is_flat_without_envelope() {
        var a = newAccount(5);
        Map<String, Object> first = Http.at(get(a, "/people").json(), "people", 0);
        var p = get(a, "/people/" + first.get("id")).json();
        assertEquals(first.get("id"), p.get("id"));
        assertFalse(p.containsKey("person"));
    }

    @Test
    void person_update_replaces_tags_with_all_raw_tags_and_appends_with_raw_tags() {
        var a = newAccount(5);
        long id = ((Number)
                        Http.at(form(a, "POST", "/people", "person%5Bname%5D=T").json(), "person", "id"))
                .longValue();
        form(a, "PUT", "/people/" + id, "person%5Ball_raw_tags%5D%5B%5D=a&person%5Ball_raw_tags%5D%5B%5D=b");
        var r = form(a, "PUT", "/people/" + id, "person%5Braw_tags%5D%5B%5D=c");
        assertEquals("a, b, c", Http.at(r.json(), "person", "all_raw_tags"));
    }

    @Test
    void rejected_person_fields_give_422() {
        var a = newAccount(5);
        var r = json(a, "POST", "/people", Map.of("person", Map.of("name", "x", "email_addresses", "y")));
        assertEquals(422, r.status());
        assertEquals(List.of("Invalid parameters: [:email_addresses]"), r.json().get("errors"));
    }

    @Test
    void resume_upload_is_multipart_document_and_downloads_the_same_bytes() {
        var a = newAccount(5);
        Map<String, Object> first = Http.at(get(a, "/people").json(), "people", 0);
        byte[] pdf = "%PDF-1.4 test".getBytes();
        var up = multipart(a, "POST", "/people/" + first.get("id") + "/resumes", "document", pdf);
        assertEquals(200, up.status());
        Object rid = up.json().get("id");
        var dl = get(a, "/people/" + first.get("id") + "/resumes/" + rid + "/download");
        assertArrayEquals(pdf, dl.bytes());
        assertEquals("application/pdf", dl.header("Content-Type"));
        List<Map<String, Object>> resumes =
                Http.at(get(a, "/people/" + first.get("id")).json(), "resumes");
        assertTrue(resumes.stream().anyMatch(x -> x.get("id").equals(rid)));
    }

    @Test
    void seeded_resume_downloads_as_a_valid_pdf_or_docx() {
        var a = newAccount(5);
        Map<String, Object> p = Http.at(get(a, "/people").json(), "people", 0);
        Map<String, Object> resume = Http.at(p, "resumes", 0);
        byte[] b = get(a, "/people/" + p.get("id") + "/resumes/" + resume.get("id") + "/download")
                .bytes();
        String head = new String(b, 0, 4, StandardCharsets.ISO_8859_1);
        assertTrue(head.equals("%PDF") || head.startsWith("PK"), head);
    }

    @Test
    void unknown_person_event_returns_200_with_null_body() {
        var a = newAccount(5);
        var r = get(a, "/person_events/999");
        assertEquals(200, r.status());
        assertEquals("null", r.body());
    }

    @Test
    void job_create_missing_required_fields_returns_200_with_null_id_and_stores_nothing() {
        var a = newAccount(100);
        int before = (Integer) get(a, "/jobs").json().get("total_count");
        var r = json(a, "POST", "/jobs", Map.of("job", Map.of("title", "Only a title")));
        assertEquals(200, r.status());
        assertNull(Http.at(r.json(), "job", "id"));
        assertEquals("Only a title", Http.at(r.json(), "job", "title"));
        assertEquals(before, get(a, "/jobs").json().get("total_count"));
    }

    @Test
    void job_create_with_required_fields_returns_job_envelope_with_id() {
        var a = newAccount(5);
        var r = form(a, "POST", "/jobs", "job%5Btitle%5D=Dev&job%5Bjob_type_id%5D=9774&job%5Braw_company_name%5D=Acme");
        Object id = Http.at(r.json(), "job", "id");
        assertNotNull(id);
        assertEquals("Dev", get(a, "/jobs/" + id).json().get("title"));
    }

    @Test
    void unknown_route_with_valid_key_gives_404() {
        assertEquals(404, get(newAccount(5), "/nope").status());
    }
}
