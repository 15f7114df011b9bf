package dev.interlink.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatsMoreTest extends CatsTestBase {

    @Test
    void put_without_a_json_body_is_rejected_and_an_empty_object_is_accepted() {
        var a = newAccount(5);
        Map<String, Object> c = Http.at(get(a, "/candidates").json(), "_embedded", "candidates", 0);
        var empty = Http.send(
                "PUT", a.baseUrl() + "/candidates/" + c.get("id"), null, "Authorization", "Token " + a.apiKey());
        assertEquals(400, empty.status());
        assertEquals(204, send(a, "PUT", "/candidates/" + c.get("id"), Map.of()).status());
    }

    @Test
    void task_validation_reports_assigned_to_and_priority_errors_together() {
        var a = newAccount(5);
        var r = send(a, "POST", "/tasks", Map.of("description", "call back", "assigned_to_id", 0));
        assertEquals(400, r.status());
        assertEquals(
                List.of("assigned_to_id must be positive", "priority must not be optional"),
                r.json().get("errors"));
        Map<String, Object> user = Http.at(get(a, "/users").json(), "_embedded", "users", 0);
        assertEquals(
                201,
                send(a, "POST", "/tasks", Map.of("description", "x", "assigned_to_id", user.get("id"), "priority", 3))
                        .status());
    }

    @Test
    void pipeline_created_with_create_activity_logs_added_to_pipeline_activity() {
        var a = newAccount(5);
        long cand = idFromLocation(send(a, "POST", "/candidates", Map.of("first_name", "A", "last_name", "Ct")));
        Map<String, Object> job = Http.at(get(a, "/jobs").json(), "_embedded", "jobs", 0);
        send(a, "POST", "/pipelines?create_activity=true", Map.of("candidate_id", cand, "job_id", job.get("id")));
        List<Map<String, Object>> acts =
                Http.at(get(a, "/candidates/" + cand + "/activities").json(), "_embedded", "activities");
        assertEquals(1, acts.size());
        assertEquals("Added candidate to pipeline: No Contact", acts.get(0).get("annotation"));
        assertEquals(job.get("id"), acts.get(0).get("regarding_id"));
    }

    @Test
    void adding_the_same_candidate_to_the_same_job_twice_gives_409() {
        var a = newAccount(5);
        long cand = idFromLocation(send(a, "POST", "/candidates", Map.of("first_name", "A", "last_name", "Twice")));
        Map<String, Object> job = Http.at(get(a, "/jobs").json(), "_embedded", "jobs", 0);
        assertEquals(
                201,
                send(a, "POST", "/pipelines", Map.of("candidate_id", cand, "job_id", job.get("id")))
                        .status());
        assertEquals(
                409,
                send(a, "POST", "/pipelines", Map.of("candidate_id", cand, "job_id", job.get("id")))
                        .status());
    }

    @Test
    void job_attachment_upload_is_listed_under_the_job() {
        var a = newAccount(5);
        Map<String, Object> job = Http.at(get(a, "/jobs").json(), "_embedded", "jobs", 0);
        var up = Http.send(
                "POST",
                a.baseUrl() + "/jobs/" + job.get("id") + "/attachments?filename=spec.txt",
                "spec".getBytes(),
                "Authorization",
                "Token " + a.apiKey(),
                "Content-Type",
                "application/octet-stream");
        assertEquals(201, up.status());
        List<Map<String, Object>> atts =
                Http.at(get(a, "/jobs/" + job.get("id") + "/attachments").json(), "_embedded", "attachments");
        assertEquals("spec.txt", atts.get(0).get("filename"));
        assertEquals(
                "text/plain",
                get(a, "/attachments/" + atts.get(0).get("id") + "/download").header("Content-Type"));
    }

    @Test
    void upload_without_filename_is_rejected() {
        var a = newAccount(5);
        Map<String, Object> c = Http.at(get(a, "/candidates").json(), "_embedded", "candidates", 0);
        var r = Http.send(
                "POST",
                a.baseUrl() + "/candidates/" + c.get("id") + "/attachments",
                "x".getBytes(),
                "Authorization",
                "Token " + a.apiKey(),
                "Content-Type",
                "application/octet-stream");
        assertEquals(400, r.status());
    }
}
