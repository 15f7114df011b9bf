package dev.interlink.platform.provider;

import dev.interlink.platform.provider.auth.AuthScheme;
import dev.interlink.platform.provider.catalog.AuthMode;
import dev.interlink.platform.provider.catalog.ProviderDefinition;
import dev.interlink.platform.provider.http.ProviderHttp;
import dev.interlink.platform.vault.Credentials;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Opens the {@link ConnectorContext} of one account: the catalog's base URL for its credentials, the auth scheme of the
 * provider's auth mode, and the shared pipeline. The only place that turns stored credentials into a way to call.
 */
@Singleton
public class ConnectorContexts {
    private final ProviderHttp http;
    private final Map<AuthMode, AuthScheme> schemes = new EnumMap<>(AuthMode.class);

    public ConnectorContexts(ProviderHttp http, List<AuthScheme> schemes) {
        this.http = http;
        schemes.forEach(s -> s.modes().forEach(m -> this.schemes.put(m, s)));
    }

    /**
     * @param tenantId null while a credential set is verified (it is checked exactly as given)
     * @param accountId whose budget the calls spend; while verifying, the stored account or the id a new account will
     *     be created with ({@code account/CredentialVerifier})
     * @throws IllegalArgumentException when the credentials name a host or value the catalog does not allow
     */
    public ConnectorContext open(
            UUID tenantId,
            UUID accountId,
            ProviderDefinition provider,
            Credentials credentials,
            AuthScheme.Rejections onRejected) {
        AuthScheme scheme = schemes.get(provider.authMode());
        if (scheme == null) {
            throw new IllegalStateException("no auth scheme for " + provider.authMode() + " (" + provider.id() + ")");
        }
        String baseUrl = provider.baseUrl(credentials);
        return new ConnectorContext(
                ConnectorContext.Target.of(provider, tenantId, accountId, baseUrl),
                scheme.open(tenantId, accountId, provider, credentials, onRejected),
                http);
    }
}
