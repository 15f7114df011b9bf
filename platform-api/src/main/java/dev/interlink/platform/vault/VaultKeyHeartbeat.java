package dev.interlink.platform.vault;

import dev.interlink.platform.cli.Cli;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps this replica's row in {@code vault_replica} fresh and the sealing key agreed (see {@link VaultKeyRing}). */
@Singleton
@Requires(notEnv = Cli.CLI_ENV)
class VaultKeyHeartbeat {
    private static final Logger LOG = LoggerFactory.getLogger(VaultKeyHeartbeat.class);

    private final VaultKeyRing ring;

    VaultKeyHeartbeat(VaultKeyRing ring) {
        this.ring = ring;
    }

    /** On shutdown, while the data source is still open (bean destruction comes after this event). */
    @EventListener
    void stop(ShutdownEvent event) {
        ring.leave();
    }

    @Scheduled(fixedDelay = "${interlink.vault.heartbeat:30s}", initialDelay = "1s")
    void beat() {
        try {
            ring.refresh();
        } catch (RuntimeException e) {
            // the database may be down for a moment; the last agreed key stays in use
            LOG.warn("Vault heartbeat failed: {}", e.getClass().getSimpleName());
        }
    }
}
