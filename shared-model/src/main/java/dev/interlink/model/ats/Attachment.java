package dev.interlink.model.ats;

import java.time.Instant;
import java.util.Map;

/**
 * type: RESUME | COVER_LETTER | OFFER_LETTER | OTHER. {@code downloadUrl} is our own {@code /content} route, never a
 * provider URL that needs credentials.
 */
public record Attachment(
        String id,
        String remoteId,
        Instant remoteCreatedAt,
        Instant remoteUpdatedAt,
        String remoteUrl,
        String fileName,
        String contentType,
        Long sizeBytes,
        String type,
        String typeRaw,
        Ref candidate,
        Ref application,
        String downloadUrl,
        Map<String, Object> customFields,
        Object remoteData)
        implements UnifiedRecord {}
