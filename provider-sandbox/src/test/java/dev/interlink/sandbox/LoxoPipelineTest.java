package dev.interlink.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoxoPipelineTest extends LoxoTestBase {

    @SuppressWarnings("unchecked")
    static long activity(Sandbox.AccountInfo a, String key) {
        List<Map<String, Object>> types =
                (List<Map<String, Object>>) get(a, "/activity_types").any();
        return ((Number) types.stream()
                        .filter(t -> key.equals(t.get("key")))
                        .findFirst()
                        .orElseThrow()
                        .get("id"))
                .longValue();
    }

    @SuppressWarnings("unchecked")
    static long stage(Sandbox.AccountInfo a, String key) {
        List<Map<String, Object>> types =
                (List<Map<String, Object>>) get(a, "/activity_types").any();
        return ((Number) types.stream()
                        .filter(t -> key.equals(t.get("key")))
                        .findFirst()
                        .orElseThrow()
                        .get("workflow_stage_id"))
                .longValue();
    }

    static long newPerson(Sandbox.AccountInfo a) {
        return ((Number) Http.at(
                        form(a, "POST", "/people", "person%5Bname%5D=Pipe+Line").json(), "person", "id"))
                .longValue();
    }

    static long firstJob(Sandbox.AccountInfo a) {
        return ((Number) Http.at(get(a, "/jobs").json(), "results", 0, "id")).longValue();
    }

    static Http.Res event(Sandbox.AccountInfo a, long person, Long job, long type) {
        String body = "person_event%5Bperson_id%5D=" + person + "&person_event%5Bactivity_type_id%5D=" + type
                + (job == null ? "" : "&person_event%5Bjob_id%5D=" + job);
        return form(a, "POST", "/person_events", body);
    }

    static Map<String, Object> candidateOf(Sandbox.AccountInfo a, long job, long person) {
        List<Map<String, Object>> c = Http.at(
                get(a, "/jobs/" + job + "/candidates?person_id=" + person).json(), "candidates");
        return c.isEmpty() ? null : c.get(0);
    }

    @Test
    void posting_a_person_event_with_a_job_adds_the_person_to_the_job() {
        var a = newAccount(40);
        long p = newPerson(a);
        long job = firstJob(a);
        var r = event(a, p, job, activity(a, "applied"));
        assertEquals(200, r.status());
        assertEquals(List.of(), r.json().get("errors"));
        assertEquals(stage(a, "applied"), ((Number) candidateOf(a, job, p).get("workflow_stage_id")).longValue());
    }

    @Test
    void progression_moves_the_candidate_forward() {
        var a = newAccount(40);
        long p = newPerson(a);
        long job = firstJob(a);
        event(a, p, job, activity(a, "applied"));
        event(a, p, job, activity(a, "marked_as_yes"));
        assertEquals(stage(a, "marked_as_yes"), ((Number) candidateOf(a, job, p).get("workflow_stage_id")).longValue());
    }

    @Test
    void progression_never_moves_the_candidate_backwards() {
        var a = newAccount(40);
        long p = newPerson(a);
        long job = firstJob(a);
        event(a, p, job, activity(a, "marked_as_yes"));
        event(a, p, job, activity(a, "applied"));
        assertEquals(stage(a, "marked_as_yes"), ((Number) candidateOf(a, job, p).get("workflow_stage_id")).longValue());
    }

    @Test
    void an_event_without_a_job_moves_nothing() {
        var a = newAccount(40);
        long p = newPerson(a);
        long job = firstJob(a);
        assertEquals(200, event(a, p, null, activity(a, "applied")).status());
        assertNull(candidateOf(a, job, p));
    }

    @Test
    void an_activity_mapped_to_nothing_adds_the_person_without_a_stage() {
        var a = newAccount(40);
        long p = newPerson(a);
        long job = firstJob(a);
        event(a, p, job, activity(a, "general_note"));
        var c = candidateOf(a, job, p);
        assertNotNull(c);
        assertNull(c.get("workflow_stage_id"));
    }

    @Test
    void job_candidate_is_addressed_through_its_job() {
        var a = newAccount(40);
        long job = firstJob(a);
        Map<String, Object> c = Http.at(get(a, "/jobs/" + job + "/candidates").json(), "candidates", 0);
        assertEquals(200, get(a, "/jobs/" + job + "/candidates/" + c.get("id")).status());
        long otherJob = ((Number) Http.at(get(a, "/jobs").json(), "results", 1, "id")).longValue();
        assertEquals(
                404, get(a, "/jobs/" + otherJob + "/candidates/" + c.get("id")).status());
    }

    @Test
    void job_candidates_use_scroll_id_and_embed_person_and_latest_event() {
        var a = newAccount(100);
        long job = firstJob(a);
        var body = get(a, "/jobs/" + job + "/candidates?per_page=2").json();
        assertNotNull(body.get("scroll_id"));
        Map<String, Object> c = Http.at(body, "candidates", 0);
        assertNotNull(Http.at(c, "person", "name"));
        assertNotNull(c.get("latest_person_event"));
        assertNotNull(c.get("workflow_stage_id"));
    }

    @Test
    void updating_a_job_candidate_changes_only_highlights() {
        var a = newAccount(40);
        long job = firstJob(a);
        Map<String, Object> c = Http.at(get(a, "/jobs/" + job + "/candidates").json(), "candidates", 0);
        var r = json(
                a,
                "PUT",
                "/jobs/" + job + "/candidates/" + c.get("id"),
                Map.of("candidate", Map.of("highlights", "great", "workflow_stage_id", 1)));
        assertEquals(200, r.status());
        var after = get(a, "/jobs/" + job + "/candidates/" + c.get("id")).json();
        assertEquals("great", after.get("highlights"));
        assertEquals(c.get("workflow_stage_id"), after.get("workflow_stage_id"));
    }

    @Test
    void unsourced_activity_removes_the_person_from_the_job() {
        var a = newAccount(40);
        long p = newPerson(a);
        long job = firstJob(a);
        event(a, p, job, activity(a, "applied"));
        event(a, p, job, activity(a, "unidentified"));
        assertNull(candidateOf(a, job, p));
    }
}
