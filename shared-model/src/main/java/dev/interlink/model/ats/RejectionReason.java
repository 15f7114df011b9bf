package dev.interlink.model.ats;

import java.time.Instant;
import java.util.Map;

/**
 * A reason an application can be rejected with ({@code POST /unified/ats/applications/{id}/reject}). CATS: a workflow
 * status mapped {@code declined} ({@code workflow} names its workflow); Lever: an archive reason of type non-hired.
 */
public record RejectionReason(
        String id,
        String remoteId,
        Instant remoteCreatedAt,
        Instant remoteUpdatedAt,
        String remoteUrl,
        String name,
        Ref workflow,
        Map<String, Object> customFields,
        Object remoteData)
        implements UnifiedRecord {}
