package dev.interlink.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatsPipelineTest extends CatsTestBase {

    static long newPipeline(Sandbox.AccountInfo a) {
        long cand = idFromLocation(send(a, "POST", "/candidates", Map.of("first_name", "P", "last_name", "L")));
        Map<String, Object> job = Http.at(get(a, "/jobs").json(), "_embedded", "jobs", 0);
        var r = send(a, "POST", "/pipelines", Map.of("candidate_id", cand, "job_id", job.get("id"), "rating", 3));
        assertEquals(201, r.status());
        return idFromLocation(r);
    }

    @Test
    void new_pipeline_starts_in_the_first_status_no_contact() {
        var a = newAccount(20);
        var p = get(a, "/pipelines/" + newPipeline(a)).json();
        var status = get(a, "/pipelines/workflows/" + p.get("workflow_id") + "/statuses/" + p.get("status_id"))
                .json();
        assertEquals("No Contact", status.get("title"));
    }

    @Test
    void workflow_statuses_carry_lowercase_mapping_values() {
        var a = newAccount(5);
        Map<String, Object> wf = Http.at(get(a, "/pipelines/workflows").json(), "_embedded", "workflows", 0);
        List<Map<String, Object>> st = Http.at(
                get(a, "/pipelines/workflows/" + wf.get("id") + "/statuses").json(), "_embedded", "statuses");
        assertTrue(st.stream().anyMatch(s -> "placed".equals(s.get("mapping"))));
        assertTrue(st.stream().anyMatch(s -> "declined".equals(s.get("mapping"))));
        assertTrue(st.stream().anyMatch(s -> "".equals(s.get("mapping"))));
    }

    @Test
    void status_change_via_post_returns_201_and_records_history() {
        var a = newAccount(20);
        long id = newPipeline(a);
        var r = send(a, "POST", "/pipelines/" + id + "/status", Map.of("status_id", 6377097));
        assertEquals(201, r.status());
        assertEquals(6377097, get(a, "/pipelines/" + id).json().get("status_id"));
        List<Map<String, Object>> h =
                Http.at(get(a, "/pipelines/" + id + "/statuses").json(), "_embedded", "statuses");
        assertEquals(2, h.size());
        assertEquals(6377097, h.get(1).get("to_status_id"));
    }

    @Test
    void status_from_another_workflow_is_rejected() {
        var a = newAccount(20);
        long id = newPipeline(a);
        assertEquals(
                400,
                send(a, "POST", "/pipelines/" + id + "/status", Map.of("status_id", 6377201))
                        .status());
    }

    @Test
    void put_changes_the_rating_but_never_the_status() {
        var a = newAccount(20);
        long id = newPipeline(a);
        Object before = get(a, "/pipelines/" + id).json().get("status_id");
        assertEquals(
                204,
                send(a, "PUT", "/pipelines/" + id, Map.of("rating", 5, "status_id", 6377103))
                        .status());
        var p = get(a, "/pipelines/" + id).json();
        assertEquals(5, p.get("rating"));
        assertEquals(before, p.get("status_id"));
    }

    @Test
    void a_job_lists_its_pipelines_and_there_is_no_jobs_candidates_endpoint() {
        var a = newAccount(40);
        Map<String, Object> job = Http.at(get(a, "/jobs").json(), "_embedded", "jobs", 0);
        List<Map<String, Object>> ps =
                Http.at(get(a, "/jobs/" + job.get("id") + "/pipelines").json(), "_embedded", "pipelines");
        assertFalse(ps.isEmpty());
        assertTrue(ps.stream().allMatch(p -> p.get("job_id").equals(job.get("id"))));
        assertEquals(404, get(a, "/jobs/" + job.get("id") + "/candidates").status());
    }

    @Test
    void seeded_pipelines_are_spread_over_several_statuses() {
        var a = newAccount(200);
        List<Map<String, Object>> ps = Http.at(get(a, "/pipelines?per_page=100").json(), "_embedded", "pipelines");
        assertTrue(ps.stream().map(p -> p.get("status_id")).distinct().count() >= 4);
    }

    @Test
    void octet_stream_resume_upload_is_downloadable_with_its_content_type() {
        var a = newAccount(5);
        long cand = idFromLocation(send(a, "POST", "/candidates", Map.of("first_name", "R", "last_name", "U")));
        byte[] pdf = "%PDF-1.4 resume".getBytes();
        var up = Http.send(
                "POST",
                a.baseUrl() + "/candidates/" + cand + "/resumes?filename=cv.pdf",
                pdf,
                "Authorization",
                "Token " + a.apiKey(),
                "Content-Type",
                "application/octet-stream");
        assertEquals(201, up.status());
        long att = idFromLocation(up);
        var meta = get(a, "/attachments/" + att).json();
        assertEquals(true, meta.get("is_resume"));
        assertEquals("cv.pdf", meta.get("filename"));
        var dl = get(a, "/attachments/" + att + "/download");
        assertArrayEquals(pdf, dl.bytes());
        assertEquals("application/pdf", dl.header("Content-Type"));
    }

    @Test
    void seeded_candidates_have_a_valid_resume_attachment() {
        var a = newAccount(5);
        Map<String, Object> c = Http.at(get(a, "/candidates").json(), "_embedded", "candidates", 0);
        Map<String, Object> att =
                Http.at(get(a, "/candidates/" + c.get("id") + "/attachments").json(), "_embedded", "attachments", 0);
        var dl = get(a, "/attachments/" + att.get("id") + "/download");
        assertEquals(200, dl.status());
        assertEquals("%PDF", new String(dl.bytes(), 0, 4));
        assertEquals(((Number) att.get("size")).intValue(), dl.bytes().length);
    }
}
