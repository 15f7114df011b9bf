package dev.interlink.model.ats;

import java.time.Instant;
import java.util.List;
import java.util.Map;

public record Candidate(
        String id,
        String remoteId,
        Instant remoteCreatedAt,
        Instant remoteUpdatedAt,
        String remoteUrl,
        String firstName,
        String lastName,
        String name,
        String title,
        String companyName,
        List<Email> emails,
        List<Phone> phones,
        List<Url> urls,
        List<Address> addresses,
        List<Ref> tags,
        String source,
        Ref owner,
        List<Ref> applications,
        List<Ref> attachments,
        Map<String, Object> customFields,
        Object remoteData)
        implements UnifiedRecord {}
