package dev.interlink.platform.provider.changesource;

import dev.interlink.platform.provider.ConnectorContext;
import java.util.Set;

/**
 * A provider's change feed (the change-detection SPI, docs/adding-a-connector.md): which records changed after a
 * position. The poller follows it between full listings instead of listing everything on every tick. A provider
 * offers one by declaring a bean; {@link #provider()} is its catalog id.
 */
public interface ChangeFeed {
    String provider();

    /** The position before the first event. */
    String start();

    /** One page after {@code cursor}; a provider error is thrown as the connector's {@code ApiProblem}. */
    Batch after(ConnectorContext ctx, String cursor);

    /** The records one page touched (each once, deletions left out), the position after it, whether more follow. */
    record Batch(Set<ChangeHint> touched, String cursor, boolean more) {}
}
