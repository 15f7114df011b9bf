package dev.interlink.platform.changes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.auth.AuthFilter;
import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.provider.ConnectorContext;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our own writes (ats/write/UnifiedWriteService) announce themselves at once, with {@code source: interlink_write},
 * through the same engine: the record read back after the write becomes the stored state, so the next poll or
 * provider webhook finds nothing new and does not announce the change a second time.
 */
@Singleton
public class OwnWrites {
    private static final Logger LOG = LoggerFactory.getLogger(OwnWrites.class);

    private final ChangeEngine engine;

    OwnWrites(ChangeEngine engine) {
        this.engine = engine;
    }

    /** After a successful write of {@code record} (its unified JSON as the write route answers it). */
    public void written(ConnectorContext ctx, AtsResource resource, JsonNode record) {
        record(ctx, resource, record, false);
    }

    /** After a successful stage move of the application {@code record}. */
    public void stageMoved(ConnectorContext ctx, JsonNode record) {
        record(ctx, AtsResource.APPLICATIONS, record, true);
    }

    private void record(ConnectorContext ctx, AtsResource resource, JsonNode record, boolean stageMove) {
        // the tenant comes from the principal of the request that made the write, never from the account row
        Optional<Principal> principal = ServerRequestContext.currentRequest()
                .flatMap(r -> r.getAttribute(AuthFilter.PRINCIPAL, Principal.class));
        if (principal.isEmpty() || ctx.accountId() == null) return;
        try {
            engine.observe(new ChangeEngine.Observation(
                    principal.get().tenantId(),
                    ctx.accountId(),
                    ctx.provider(),
                    resource,
                    record,
                    Source.INTERLINK_WRITE,
                    false,
                    stageMove,
                    null));
        } catch (RuntimeException e) {
            // the provider write is done and answered; the next poll still finds the change (as source poll)
            LOG.warn(
                    "Could not record our own write to {} of account {}: {}",
                    resource.path(),
                    ctx.accountId(),
                    e.toString());
        }
    }
}
