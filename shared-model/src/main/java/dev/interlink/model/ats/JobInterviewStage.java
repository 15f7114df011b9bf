package dev.interlink.model.ats;

import java.time.Instant;
import java.util.Map;

/** category: NEW | SCREENING | SUBMITTED | INTERVIEW | OFFER | HIRED | REJECTED | WITHDRAWN | OTHER. */
public record JobInterviewStage(
        String id,
        String remoteId,
        Instant remoteCreatedAt,
        Instant remoteUpdatedAt,
        String remoteUrl,
        String name,
        Ref job,
        Ref workflow,
        Integer position,
        String category,
        String categoryRaw,
        Boolean isActive,
        Map<String, Object> customFields,
        Object remoteData)
        implements UnifiedRecord {}
