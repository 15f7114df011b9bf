package dev.interlink.platform.vault;

import dev.interlink.platform.cli.Cli;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the vault keys when the service starts, so a missing or invalid keyset stops startup instead of
 * failing the first credential call. Operator commands (CLI) load them lazily: only {@code vault ...}
 * commands need them.
 */
@Context
@Requires(notEnv = Cli.CLI_ENV)
public class VaultStartupCheck {
    private static final Logger LOG = LoggerFactory.getLogger(VaultStartupCheck.class);

    public VaultStartupCheck(VaultKeys keys) {
        LOG.info("Vault ready: {} key(s), primary key id {}", keys.keyIds().size(), keys.primaryKeyId());
    }
}
