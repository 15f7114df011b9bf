package dev.interlink.model.ats;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A client company of the agency (not the account's own organization). */
public record Company(
        String id,
        String remoteId,
        Instant remoteCreatedAt,
        Instant remoteUpdatedAt,
        String remoteUrl,
        String name,
        String websiteUrl,
        List<Phone> phones,
        List<Address> addresses,
        Ref owner,
        Map<String, Object> customFields,
        Object remoteData)
        implements UnifiedRecord {}
