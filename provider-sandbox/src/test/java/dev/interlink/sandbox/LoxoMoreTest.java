package dev.interlink.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoxoMoreTest extends LoxoTestBase {

    @Test
    void company_create_returns_company_and_errors_envelope() {
        var a = newAccount(5);
        var r = form(a, "POST", "/companies", "company%5Bname%5D=Lever");
        assertEquals(200, r.status());
        var b = r.json();
        assertEquals(List.of(), b.get("errors"));
        assertEquals("Lever", Http.at(b, "company", "name"));
        assertEquals("/logos/large/missing.png", Http.at(b, "company", "logo_large_url"));
    }

    @Test
    void person_email_field_adds_an_email() {
        var a = newAccount(5);
        var r = form(a, "POST", "/people", "person%5Bname%5D=E&person%5Bemail%5D=e%40example.com");
        assertEquals("e@example.com", Http.at(r.json(), "person", "emails", 0, "value"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_person_email_row_is_deleted_by_its_id_and_a_second_delete_is_404() {
        var a = newAccount(5);
        var r = form(
                a,
                "POST",
                "/people",
                "person%5Bname%5D=D&person%5Bemails%5D%5B%5D%5Bvalue%5D=d%40example.com"
                        + "&person%5Bemails%5D%5B%5D%5Bvalue%5D=keep%40example.com");
        Object pid = Http.at(r.json(), "person", "id");
        Object rid = Http.at(r.json(), "person", "emails", 0, "id");
        var del = Http.send(
                "DELETE",
                a.baseUrl() + "/people/" + pid + "/emails/" + rid,
                null,
                "Authorization",
                "Bearer " + a.apiKey());
        assertEquals(200, del.status());
        var person = get(a, "/people/" + pid).json();
        assertEquals(
                List.of("keep@example.com"),
                ((List<Map<String, Object>>) person.get("emails"))
                        .stream().map(e -> e.get("value")).toList());
        var again = Http.send(
                "DELETE",
                a.baseUrl() + "/people/" + pid + "/emails/" + rid,
                null,
                "Authorization",
                "Bearer " + a.apiKey());
        assertEquals(404, again.status());
    }

    @Test
    void a_person_phone_row_is_deleted_by_its_id() {
        var a = newAccount(5);
        var r = form(a, "POST", "/people", "person%5Bname%5D=P&person%5Bphones%5D%5B%5D%5Bvalue%5D=%2B15550001");
        Object pid = Http.at(r.json(), "person", "id");
        Object rid = Http.at(r.json(), "person", "phones", 0, "id");
        var del = Http.send(
                "DELETE",
                a.baseUrl() + "/people/" + pid + "/phones/" + rid,
                null,
                "Authorization",
                "Bearer " + a.apiKey());
        assertEquals(200, del.status());
        assertEquals(List.of(), get(a, "/people/" + pid).json().get("phones"));
    }

    @Test
    void person_create_without_name_gives_422() {
        var a = newAccount(5);
        assertEquals(
                422, form(a, "POST", "/people", "person%5Bdescription%5D=x").status());
    }

    @Test
    void person_candidates_param_puts_the_person_on_a_job_in_the_applied_stage() {
        var a = newAccount(40);
        long job = ((Number) Http.at(get(a, "/jobs").json(), "results", 0, "id")).longValue();
        var r = form(a, "POST", "/people", "person%5Bname%5D=Cand&person%5Bcandidates%5D%5B%5D%5Bjob_id%5D=" + job);
        long person = ((Number) Http.at(r.json(), "person", "id")).longValue();
        List<Map<String, Object>> c = Http.at(
                get(a, "/jobs/" + job + "/candidates?person_id=" + person).json(), "candidates");
        assertEquals(1, c.size());
        assertEquals(318332, c.get(0).get("workflow_stage_id"));
    }

    @Test
    void person_event_without_activity_type_gives_422() {
        var a = newAccount(5);
        assertEquals(
                422,
                form(a, "POST", "/person_events", "person_event%5Bnotes%5D=x").status());
    }

    @Test
    void person_event_get_is_flat_and_embeds_the_activity_type() {
        var a = newAccount(5);
        Map<String, Object> e = Http.at(get(a, "/person_events").json(), "person_events", 0);
        var one = get(a, "/person_events/" + e.get("id")).json();
        assertEquals(e.get("id"), one.get("id"));
        assertNotNull(Http.at(one, "activity_type", "key"));
    }

    @Test
    void webhook_is_created_from_wrapped_form_fields_and_listed_as_a_bare_array() {
        var a = newAccount(5);
        var r = form(
                a,
                "POST",
                "/webhooks",
                "webhook%5Bitem_type%5D=person&webhook%5Baction%5D=create&webhook%5Bendpoint_url%5D=http%3A%2F%2F127.0.0.1%3A9%2Fh");
        assertEquals(200, r.status());
        List<Map<String, Object>> hooks =
                (List<Map<String, Object>>) get(a, "/webhooks").any();
        assertEquals("person", hooks.get(0).get("item_type"));
        assertEquals(
                422, form(a, "POST", "/webhooks", "webhook%5Bitem_type%5D=nope").status());
    }

    @Test
    void job_apply_requires_email_name_and_phone_and_puts_the_person_on_the_job() {
        var a = newAccount(40);
        long job = ((Number) Http.at(get(a, "/jobs").json(), "results", 0, "id")).longValue();
        assertEquals(
                422,
                multipart(a, "POST", "/jobs/" + job + "/apply", "name", "No Email")
                        .status());
        var r = multipart(
                a,
                "POST",
                "/jobs/" + job + "/apply",
                "email",
                "apply@example.com",
                "name",
                "Ap Ply",
                "phone",
                "+15551112222",
                "resume",
                "%PDF-1.4 x".getBytes());
        assertEquals(200, r.status());
        assertEquals(true, r.json().get("ok"));
        long person = ((Number) Http.at(r.json(), "person", "id")).longValue();
        List<Map<String, Object>> c = Http.at(
                get(a, "/jobs/" + job + "/candidates?person_id=" + person).json(), "candidates");
        assertEquals(1, c.size());
        var again = multipart(
                a, "POST", "/jobs/" + job + "/apply", "email", "apply@example.com", "name", "Ap Ply", "phone", "+1");
        assertEquals(person, ((Number) Http.at(again.json(), "person", "id")).longValue());
    }

    @Test
    void basic_scheme_with_the_same_key_is_accepted_for_legacy_clients() {
        var a = newAccount(5);
        assertEquals(
                200,
                Http.send("GET", a.baseUrl() + "/users", null, "Authorization", "Basic " + a.apiKey())
                        .status());
    }
}
