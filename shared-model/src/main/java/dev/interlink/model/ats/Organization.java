package dev.interlink.model.ats;

import java.time.Instant;
import java.util.Map;

/** The connected account itself (CATS site, Loxo agency). */
public record Organization(
        String id,
        String remoteId,
        Instant remoteCreatedAt,
        Instant remoteUpdatedAt,
        String remoteUrl,
        String name,
        String subdomain,
        Map<String, Object> customFields,
        Object remoteData)
        implements UnifiedRecord {}
