package dev.interlink.sandbox.loxo;

import dev.interlink.sandbox.common.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a person event moves a candidate (docs/providers/loxo.md §5): with a job_id and an activity type mapped to a stage, the
 * candidate moves to that stage — forward only, never backwards; a person not on the job is added (without a
 * stage when the activity maps to "Nothing"); `unidentified` ("Unsourced") removes them; no job_id, no move.
 */
final class LoxoPipeline {
    private LoxoPipeline() {}

    /** The job-person link for (person, job), or null. Seeded person i is on job i % jobs as candidate i. */
    static Map<String, Object> find(LoxoAccount acc, long personId, long jobId) {
        LoxoData d = acc.data;
        int pIdx = d.people.indexOf(personId);
        int jIdx = d.jobs.indexOf(jobId);
        if (pIdx >= 0 && jIdx >= 0 && pIdx % d.jobCount == jIdx) {
            Map<String, Object> c = d.candidates.get(d.candidates.idOf(pIdx));
            if (c != null) return c;
        }
        List<Map<String, Object>> hits = d.candidates.filter(
                i -> false,
                c -> ((Number) c.get("person_id")).longValue() == personId
                        && ((Number) c.get("job_id")).longValue() == jobId);
        return hits.isEmpty() ? null : hits.get(0);
    }

    static void progress(LoxoAccount acc, long personId, long jobId, long activityTypeId, Long eventId, String now) {
        LoxoData d = acc.data;
        Object[] at = LoxoData.activityType(activityTypeId);
        if (at == null)
            throw new ApiException(422, "Validation", Map.of("errors", List.of("Activity type is invalid")));
        if (!d.jobs.exists(jobId)) throw new ApiException(404, "Not Found");
        if (!d.people.exists(personId)) throw new ApiException(404, "Not Found");
        Map<String, Object> link = find(acc, personId, jobId);
        Long target = (Long) at[3];
        if ("unidentified".equals(at[1])) {
            if (link != null) d.candidates.delete(((Number) link.get("id")).longValue());
            return;
        }
        if (link == null) {
            Map<String, Object> c = new LinkedHashMap<>();
            long id = d.candidates.reserveId();
            c.put("id", id);
            c.put("job_id", jobId);
            c.put("person_id", personId);
            c.put("workflow_stage_id", target);
            c.put("position", 1);
            c.put("candidate_rejection_reason", null);
            c.put("highlights", null);
            c.put("latest_person_event_id", eventId);
            d.candidates.putWithId(id, c);
            LoxoMiscRoutes.fireWebhooks(acc, "candidate", "create", id);
            return;
        }
        long id = ((Number) link.get("id")).longValue();
        Map<String, Object> c = d.candidates.copy(id);
        if (eventId != null) c.put("latest_person_event_id", eventId);
        if (target != null && position(target) > position(c.get("workflow_stage_id")))
            c.put("workflow_stage_id", target);
        d.candidates.put(id, c);
        LoxoMiscRoutes.fireWebhooks(acc, "candidate", "update", id);
    }

    static int position(Object stageId) {
        Object[] s = LoxoData.stage(stageId);
        return s == null ? 0 : (Integer) s[2];
    }
}
