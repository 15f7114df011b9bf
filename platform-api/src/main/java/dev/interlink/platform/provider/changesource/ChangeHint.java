package dev.interlink.platform.provider.changesource;

import dev.interlink.platform.provider.AtsResource;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * What a provider says changed: a record to fetch and compare, never the change itself. The engine reads the record
 * through the connector, so a hint and a poll that see the same change emit it once. {@code stageMove}: the provider
 * says this application moved stage (an application never seen before is then a stage change, not a creation).
 * {@code changedAt}: when the provider says it happened, if it says.
 */
public record ChangeHint(AtsResource resource, String remoteId, boolean stageMove, @Nullable Instant changedAt) {
    /** A record a feed names, without a claim about what changed or when. */
    public static ChangeHint of(AtsResource resource, String remoteId) {
        return new ChangeHint(resource, remoteId, false, null);
    }
}
