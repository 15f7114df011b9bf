package dev.interlink.model.ats;

import java.time.Instant;
import java.util.Map;

/** status (the outcome axis, separate from the stage): ACTIVE | HIRED | REJECTED | WITHDRAWN | OTHER. */
public record Application(
        String id,
        String remoteId,
        Instant remoteCreatedAt,
        Instant remoteUpdatedAt,
        String remoteUrl,
        Ref candidate,
        Ref job,
        StageRef currentStage,
        String status,
        String statusRaw,
        Instant appliedAt,
        Integer rating,
        Map<String, Object> customFields,
        Object remoteData)
        implements UnifiedRecord {}
