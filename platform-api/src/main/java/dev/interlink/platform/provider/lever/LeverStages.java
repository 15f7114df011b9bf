package dev.interlink.platform.provider.lever;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.model.ats.JobInterviewStage;
import dev.interlink.model.ats.Ref;
import dev.interlink.platform.provider.Enums;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.provider.Tolerant;
import java.util.Map;

/**
 * Lever stages are account-wide (every posting has the same pipeline), have only {@code id} and {@code text}, and
 * are listed in pipeline order (docs/providers/lever.md §5). The built-in ones have slug ids; custom ones UUIDs,
 * categorized by their name. "Hired" is not a stage in Lever: it is an archive reason, so no stage is HIRED.
 */
final class LeverStages {
    private LeverStages() {}

    static String category(String stageId, String name) {
        if (stageId == null) return "OTHER";
        switch (stageId) {
            case "lead-new", "lead-reached-out", "lead-responded", "applicant-new":
                return "NEW";
            case "offer":
                return "OFFER";
            default:
                return Enums.stageCategoryFromName(name);
        }
    }

    /** {@code position} is the 1-based place in the list; {@code job} is set when listed for one posting. */
    static JobInterviewStage stage(JsonNode s, int position, Ref job) {
        String id = Tolerant.id(s, "id");
        String name = Tolerant.text(s, "text");
        return new JobInterviewStage(
                RemoteKey.encode(id),
                id,
                null,
                null,
                null,
                name,
                job,
                null,
                position,
                category(id, name),
                name,
                true,
                Map.of(),
                s);
    }
}
