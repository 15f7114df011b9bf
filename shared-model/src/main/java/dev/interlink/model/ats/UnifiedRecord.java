package dev.interlink.model.ats;

import java.time.Instant;
import java.util.Map;

/**
 * What every unified ATS record carries (docs/unified-api.md "Records"). {@code id} is opaque, stable and URL-safe
 * (a reversible encoding of the remote key); {@code remoteId} is the provider's own id as a string; times are the
 * provider's, in UTC. {@code remoteData} is the raw provider record, returned only on request.
 */
public interface UnifiedRecord {
    String id();

    String remoteId();

    Instant remoteCreatedAt();

    Instant remoteUpdatedAt();

    String remoteUrl();

    Map<String, Object> customFields();

    Object remoteData();
}
