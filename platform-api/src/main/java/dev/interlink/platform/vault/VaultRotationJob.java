package dev.interlink.platform.vault;

import dev.interlink.platform.cli.Cli;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background re-encryption: every few minutes ({@code INTERLINK_VAULT_ROTATION_INTERVAL}, default 5m) each
 * replica re-encrypts rows still under an old key. Claiming with SKIP LOCKED makes replicas share the work.
 * Disable with {@code INTERLINK_VAULT_ROTATION_ENABLED=false}.
 */
@Singleton
@Requires(notEnv = Cli.CLI_ENV)
class VaultRotationJob {
    private static final Logger LOG = LoggerFactory.getLogger(VaultRotationJob.class);

    private final VaultRotation rotation;
    private final boolean enabled;

    VaultRotationJob(VaultRotation rotation, @Value("${interlink.vault.rotation.enabled:true}") boolean enabled) {
        this.rotation = rotation;
        this.enabled = enabled;
    }

    @Scheduled(
            fixedDelay = "${interlink.vault.rotation.interval:5m}",
            initialDelay = "${interlink.vault.rotation.initial-delay:1m}")
    void run() {
        if (!enabled) {
            return;
        }
        try {
            VaultRotation.Result result = rotation.rotateAll();
            if (result.rotated() > 0 || result.failed() > 0) {
                LOG.info("Vault rotation: {} secret(s) re-encrypted, {} failed", result.rotated(), result.failed());
            }
        } catch (RuntimeException e) {
            LOG.warn("Vault rotation run failed: {}", e.getClass().getSimpleName());
        }
    }
}
