package dev.interlink.platform.oauth;

import dev.interlink.platform.vault.Credentials;
import dev.interlink.platform.vault.SecretRef;
import dev.interlink.platform.vault.Vault;
import io.micronaut.context.env.Environment;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Which OAuth app a tenant's accounts of a provider use: the tenant's own ({@code PUT /oauth-apps/{provider}}, the
 * secret sealed in the vault) or else the operator's default ({@code interlink.oauth.<provider>.client-id} and
 * {@code client-secret}, e.g. {@code INTERLINK_OAUTH_LEVER_CLIENT_SECRET} from a secret store).
 */
@Singleton
public class OAuthApps {
    private final JdbcOperations jdbc;
    private final Vault vault;
    private final Environment environment;
    private final Clock clock;

    public OAuthApps(JdbcOperations jdbc, Vault vault, Environment environment, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.environment = environment;
        this.clock = clock;
    }

    static SecretRef secretRef(UUID tenantId, String provider) {
        return new SecretRef(tenantId, tenantId, "oauth_app." + provider);
    }

    /** The tenant's own client id for {@code provider}, if it registered an app. */
    @Transactional
    public Optional<String> tenantClientId(UUID tenantId, String provider) {
        return jdbc.prepareStatement("select client_id from oauth_app where tenant_id = ? and provider = ?", ps -> {
            ps.setObject(1, tenantId);
            ps.setString(2, provider);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
        });
    }

    /** The app to authenticate token calls with, or empty when neither the tenant nor the operator has one. */
    @Transactional
    public Optional<OAuthClient> client(UUID tenantId, String provider) {
        Optional<String> own = tenantClientId(tenantId, provider);
        if (own.isPresent()) {
            return vault.load(secretRef(tenantId, provider))
                    .map(c -> new OAuthClient(own.get(), c.get("client_secret")));
        }
        String prefix = "interlink.oauth." + provider + ".";
        Optional<String> id = environment.getProperty(prefix + "client-id", String.class);
        Optional<String> secret = environment.getProperty(prefix + "client-secret", String.class);
        return id.isPresent() && secret.isPresent()
                ? Optional.of(new OAuthClient(id.get(), secret.get()))
                : Optional.empty();
    }

    /** Registers (or replaces) the tenant's own app; the secret goes to the vault and is never shown again. */
    @Transactional
    public void put(UUID tenantId, String provider, String clientId, String clientSecret) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.prepareStatement(
                """
                insert into oauth_app (tenant_id, provider, client_id, created_at, updated_at) values (?, ?, ?, ?, ?)
                on conflict (tenant_id, provider) do update set client_id = excluded.client_id,
                    updated_at = excluded.updated_at""",
                ps -> {
                    ps.setObject(1, tenantId);
                    ps.setString(2, provider);
                    ps.setString(3, clientId);
                    ps.setTimestamp(4, now);
                    ps.setTimestamp(5, now);
                    return ps.executeUpdate();
                });
        vault.store(secretRef(tenantId, provider), Credentials.of(Map.of("client_secret", clientSecret)));
    }
}
