package dev.interlink.platform.provider.changesource;

import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.provider.ConnectorContext;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Set;

/**
 * A provider's change feed (the change-detection SPI, docs/adding-a-connector.md): which records changed after a
 * position. The poller follows it between full listings instead of listing everything on every tick, and an
 * incremental import run (docs/imports.md) reads it from a time instead of listing everything again. A provider
 * offers one by declaring a bean; {@link #provider()} is its catalog id.
 */
public interface ChangeFeed {
    String provider();

    /** The resources whose changes and deletions the feed names. */
    Set<AtsResource> covers();

    /** The position before the first event. */
    String start();

    /** The position before the first event after {@code time}, or null when the feed cannot start from a time. */
    @Nullable
    String since(Instant time);

    /** One page after {@code cursor}; a provider error is thrown as the connector's {@code ApiProblem}. */
    Batch after(ConnectorContext ctx, String cursor);

    /**
     * The records one page touched (each once, deletions left out) and those it says were deleted, the position
     * after it, whether more follow.
     */
    record Batch(Set<ChangeHint> touched, Set<ChangeHint> deleted, String cursor, boolean more) {}
}
