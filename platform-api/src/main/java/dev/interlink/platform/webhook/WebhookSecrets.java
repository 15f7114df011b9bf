package dev.interlink.platform.webhook;

import dev.interlink.platform.vault.Credentials;
import dev.interlink.platform.vault.SecretRef;
import dev.interlink.platform.vault.Vault;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An endpoint's signing secrets, sealed in the vault (AAD binds them to tenant + endpoint). {@code current} always
 * signs; {@code previous} also signs until the endpoint's {@code previous_secret_expires_at}, so receivers can
 * switch secrets without losing a message.
 */
@Singleton
public class WebhookSecrets {
    static final String CURRENT = "webhook_signing";
    static final String PREVIOUS = "webhook_signing_previous";
    private static final String FIELD = "secret";

    private final Vault vault;

    public WebhookSecrets(Vault vault) {
        this.vault = vault;
    }

    /** Generates and stores a first secret; returns it (the only time it is shown). */
    @Transactional
    public String create(UUID tenantId, UUID endpointId) {
        String secret = WebhookSigner.newSecret();
        vault.store(new SecretRef(tenantId, endpointId, CURRENT), Credentials.of(Map.of(FIELD, secret)));
        return secret;
    }

    /** The current secret becomes the previous one; a new current is stored and returned. */
    @Transactional
    public String rotate(UUID tenantId, UUID endpointId) {
        SecretRef current = new SecretRef(tenantId, endpointId, CURRENT);
        vault.load(current).ifPresent(old -> vault.store(new SecretRef(tenantId, endpointId, PREVIOUS), old));
        String secret = WebhookSigner.newSecret();
        vault.store(current, Credentials.of(Map.of(FIELD, secret)));
        return secret;
    }

    /** The secrets that sign now: current, then previous while it has not expired. */
    @Transactional
    public List<String> signing(UUID tenantId, UUID endpointId, Instant previousExpiresAt, Instant now) {
        List<String> secrets = new ArrayList<>();
        vault.load(new SecretRef(tenantId, endpointId, CURRENT)).ifPresent(c -> secrets.add(c.get(FIELD)));
        if (previousExpiresAt != null && now.isBefore(previousExpiresAt)) {
            vault.load(new SecretRef(tenantId, endpointId, PREVIOUS)).ifPresent(c -> secrets.add(c.get(FIELD)));
        }
        return secrets;
    }

    @Transactional
    public void wipe(UUID tenantId, UUID endpointId) {
        vault.wipe(tenantId, endpointId);
    }
}
