package dev.interlink.model.ats;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** status: ACTIVE | INACTIVE | INVITED | OTHER; access_role: ADMIN | TEAM_MEMBER | LIMITED_TEAM_MEMBER | INTERVIEWER | OTHER. */
public record User(
        String id,
        String remoteId,
        Instant remoteCreatedAt,
        Instant remoteUpdatedAt,
        String remoteUrl,
        String firstName,
        String lastName,
        String name,
        String email,
        List<Email> emails,
        String status,
        String statusRaw,
        String accessRole,
        String accessRoleRaw,
        String title,
        Map<String, Object> customFields,
        Object remoteData)
        implements UnifiedRecord {}
