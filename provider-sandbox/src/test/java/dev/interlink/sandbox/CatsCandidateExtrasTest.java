package dev.interlink.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatsCandidateExtrasTest extends CatsTestBase {

    long candidate(Sandbox.AccountInfo a) {
        return idFromLocation(send(a, "POST", "/candidates", Map.of("first_name", "W", "last_name", "H")));
    }

    static Map<String, Object> wh() {
        return Map.of("title", "Engineer", "employer", Map.of("name", "Acme", "linked", false), "is_current", false);
    }

    @Test
    void work_history_with_flat_company_is_rejected_with_both_employer_errors() {
        var a = newAccount(5);
        long id = candidate(a);
        var r = send(a, "POST", "/candidates/" + id + "/work_history", Map.of("title", "Engineer", "company", "Acme"));
        assertEquals(400, r.status());
        assertEquals(
                List.of("employer.name must not be empty", "employer.linked must be of type boolean"),
                r.json().get("errors"));
    }

    @Test
    void work_history_item_is_reachable_under_all_three_documented_paths() {
        var a = newAccount(5);
        long id = candidate(a);
        long wid = idFromLocation(send(a, "POST", "/candidates/" + id + "/work_history", wh()));
        for (String p : List.of(
                "/work_history/" + wid,
                "/candidates/work_history/" + wid,
                "/candidates/" + id + "/work_history/" + wid))
            assertEquals("Engineer", get(a, p).json().get("title"), p);
        assertEquals(204, send(a, "DELETE", "/work_history/" + wid, null).status());
        assertEquals(0, get(a, "/candidates/" + id + "/work_history").json().get("count"));
    }

    @Test
    void thumbnail_defaults_to_gravatar_and_can_be_disabled() {
        var a = newAccount(5);
        long id = candidate(a);
        assertEquals(
                "gravatar", get(a, "/candidates/" + id + "/thumbnail").json().get("source"));
        assertEquals(
                204,
                send(a, "PUT", "/candidates/" + id + "/thumbnail", Map.of("source", "disabled"))
                        .status());
        assertEquals(
                "disabled", get(a, "/candidates/" + id + "/thumbnail").json().get("source"));
    }

    @Test
    void list_item_rows_have_their_own_id_distinct_from_the_candidate_id() {
        var a = newAccount(5);
        long id = candidate(a);
        long list = idFromLocation(send(a, "POST", "/candidates/lists", Map.of("name", "Shortlist")));
        assertEquals(
                201,
                send(
                                a,
                                "POST",
                                "/candidates/lists/" + list + "/items",
                                Map.of("items", List.of(Map.of("candidate_id", id))))
                        .status());
        Map<String, Object> row =
                Http.at(get(a, "/candidates/lists/" + list + "/items").json(), "_embedded", "items", 0);
        assertEquals(id, ((Number) row.get("candidate_id")).longValue());
        assertNotEquals(row.get("id"), row.get("candidate_id"));
        assertNotNull(row.get("date_created"));
    }
}
