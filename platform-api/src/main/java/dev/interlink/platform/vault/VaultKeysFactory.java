package dev.interlink.platform.vault;

import dev.interlink.platform.common.DevMode;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the vault keyset from configuration: {@code INTERLINK_VAULT_KEYSET} (inline Tink JSON keyset) or
 * {@code INTERLINK_VAULT_KEYSET_FILE} (a path, e.g. a mounted Kubernetes Secret). In dev mode, a keyset is
 * generated into {@code <INTERLINK_HOME>/vault-keyset.json} on first run. Otherwise a missing or invalid
 * keyset is a {@link ConfigurationException}: the service does not start ({@link VaultStartupCheck}).
 */
@Factory
public class VaultKeysFactory {
    private static final Logger LOG = LoggerFactory.getLogger(VaultKeysFactory.class);

    @Singleton
    VaultKeys vaultKeys(
            @Value("${interlink.vault.keyset:}") String keyset,
            @Value("${interlink.vault.keyset-file:}") String keysetFile,
            DevMode devMode,
            Environment environment) {
        if ((keyset == null || keyset.isBlank())
                && (keysetFile == null || keysetFile.isBlank())
                && environment.getActiveNames().contains(Environment.TEST)) {
            // tests that do not care about the vault get a throwaway in-memory keyset
            LOG.warn("TEST ENVIRONMENT: the vault uses an ephemeral in-memory keyset");
            return VaultKeys.generate();
        }
        return load(keyset, keysetFile, devMode);
    }

    static VaultKeys load(String keyset, String keysetFile, DevMode devMode) {
        String source = "INTERLINK_VAULT_KEYSET";
        try {
            if (keyset != null && !keyset.isBlank()) {
                return VaultKeys.parse(keyset);
            }
            if (keysetFile != null && !keysetFile.isBlank()) {
                source = "INTERLINK_VAULT_KEYSET_FILE (" + keysetFile + ")";
                return VaultKeys.parse(Files.readString(Path.of(keysetFile)));
            }
            if (devMode.enabled()) {
                Path file = devMode.home().resolve("vault-keyset.json");
                source = file.toAbsolutePath().toString();
                if (!Files.exists(file)) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                    Files.writeString(file, VaultKeys.generate().toJson());
                    DevMode.restrictToOwner(file);
                }
                LOG.warn(
                        "DEV MODE: the vault keyset that encrypts every stored credential comes from {} (generated on first run). Never use dev mode in production: configure INTERLINK_VAULT_KEYSET or INTERLINK_VAULT_KEYSET_FILE.",
                        file.toAbsolutePath());
                return VaultKeys.parse(Files.readString(file));
            }
        } catch (IOException e) {
            throw new ConfigurationException("The vault keyset could not be read from " + source + " ("
                    + e.getClass().getSimpleName() + ").");
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("The vault keyset from " + source + " is invalid: " + e.getMessage()
                    + ". It must be a Tink JSON keyset of AES-256-GCM keys (see docs/vault.md).");
        }
        throw new ConfigurationException(
                "No vault keyset configured: set INTERLINK_VAULT_KEYSET (a Tink JSON keyset of AES-256-GCM keys) or "
                        + "INTERLINK_VAULT_KEYSET_FILE, or run in dev mode (INTERLINK_DEV_MODE=true) to generate one. "
                        + "See docs/vault.md.");
    }
}
