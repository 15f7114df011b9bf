package dev.interlink.model.ats;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * status: OPEN | CLOSED | DRAFT | ON_HOLD | ARCHIVED | OTHER; employment_type: FULL_TIME | PART_TIME | CONTRACT |
 * TEMPORARY | INTERNSHIP | SEASONAL | VOLUNTEER | OTHER; description_format: HTML | TEXT | MARKDOWN.
 */
public record Job(
        String id,
        String remoteId,
        Instant remoteCreatedAt,
        Instant remoteUpdatedAt,
        String remoteUrl,
        String name,
        String code,
        String description,
        String descriptionFormat,
        String status,
        String statusRaw,
        String employmentType,
        String employmentTypeRaw,
        List<Address> locations,
        List<Compensation> compensation,
        Integer openingsCount,
        Ref company,
        List<HiringTeamMember> hiringTeam,
        Instant openedAt,
        Instant closedAt,
        Map<String, Object> customFields,
        Object remoteData)
        implements UnifiedRecord {}
