package dev.interlink.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatsContactsPortalsTest extends CatsTestBase {

    @Test
    void contacts_have_summary_emails_and_phones_and_an_embedded_status() {
        var a = newAccount(100);
        Map<String, Object> c = Http.at(get(a, "/contacts").json(), "_embedded", "contacts", 0);
        assertTrue(c.get("emails") instanceof Map);
        assertTrue(((Map<?, ?>) c.get("phones")).containsKey("cell"));
        assertEquals("No Status", Http.at(c, "_embedded", "status", "title"));
        assertEquals("", Http.at(c, "_embedded", "status", "mapping"));
    }

    @Test
    void contact_create_returns_location_and_is_listed_under_its_company() {
        var a = newAccount(100);
        Map<String, Object> company = Http.at(get(a, "/companies").json(), "_embedded", "companies", 0);
        var r = send(
                a,
                "POST",
                "/contacts",
                Map.of("first_name", "Hank", "last_name", "Pym", "company_id", company.get("id")));
        assertEquals(201, r.status());
        long id = idFromLocation(r);
        List<Map<String, Object>> cs =
                Http.at(get(a, "/companies/" + company.get("id") + "/contacts").json(), "_embedded", "contacts");
        assertTrue(cs.stream().anyMatch(c -> ((Number) c.get("id")).longValue() == id));
    }

    @Test
    void portal_put_with_empty_object_publishes_and_delete_unpublishes() {
        var a = newAccount(100);
        Map<String, Object> portal = Http.at(get(a, "/portals").json(), "_embedded", "portals", 0);
        Map<String, Object> job = Http.at(get(a, "/jobs").json(), "_embedded", "jobs", 0);
        String path = "/portals/" + portal.get("id") + "/jobs/" + job.get("id");
        assertEquals(204, send(a, "PUT", path, Map.of()).status());
        assertEquals(true, get(a, "/jobs/" + job.get("id")).json().get("is_published"));
        assertEquals(204, send(a, "DELETE", path, null).status());
        assertEquals(false, get(a, "/jobs/" + job.get("id")).json().get("is_published"));
    }

    @Test
    void portal_application_creates_a_candidate_in_the_jobs_pipeline() {
        var a = newAccount(100);
        Map<String, Object> portal = Http.at(get(a, "/portals").json(), "_embedded", "portals", 0);
        Map<String, Object> job = Http.at(get(a, "/jobs").json(), "_embedded", "jobs", 0);
        var r = send(
                a,
                "POST",
                "/portals/" + portal.get("id") + "/jobs/" + job.get("id"),
                Map.of("first_name", "App", "last_name", "Licant", "email", "app@example.com"));
        assertEquals(201, r.status());
        long cand = idFromLocation(r);
        List<Map<String, Object>> ps =
                Http.at(get(a, "/candidates/" + cand + "/pipelines").json(), "_embedded", "pipelines");
        assertEquals(job.get("id"), ps.get(0).get("job_id"));
    }

    @Test
    void triggers_have_neither_total_nor_next() {
        var body = get(newAccount(5), "/triggers").json();
        assertFalse(body.containsKey("total"));
        assertNull(Http.at(body, "_links", "next"));
    }
}
