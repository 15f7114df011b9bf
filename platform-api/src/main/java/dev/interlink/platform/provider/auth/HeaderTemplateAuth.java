package dev.interlink.platform.provider.auth;

import dev.interlink.platform.provider.catalog.AuthMode;
import dev.interlink.platform.provider.catalog.ProviderDefinition;
import dev.interlink.platform.vault.Credentials;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * API keys and basic credentials: the catalog's header templates filled with the account's values, fixed for the
 * request. A rejection cannot be repaired by retrying, so the account is flagged for re-authorization.
 */
@Singleton
public class HeaderTemplateAuth implements AuthScheme {
    @Override
    public Set<AuthMode> modes() {
        return Set.of(AuthMode.API_KEY, AuthMode.BASIC);
    }

    @Override
    public AccountAuth open(
            UUID tenantId,
            UUID accountId,
            ProviderDefinition provider,
            Credentials credentials,
            Rejections onRejected) {
        Map<String, String> headers = provider.authHeaders(credentials);
        // masked in quoted provider text: the header values and every credential value of the account (an agency
        // slug too: blanking it out of an error excerpt costs nothing, missing a mis-declared secret would)
        List<String> secrets = java.util.stream.Stream.concat(
                        headers.values().stream(), credentials.names().stream().map(credentials::get))
                .filter(v -> v != null)
                .distinct()
                .toList();
        return new AccountAuth() {
            @Override
            public Map<String, String> headers() {
                return headers;
            }

            @Override
            public boolean rejected(int status, String reason) {
                onRejected.needsReauth(reason);
                return false;
            }

            @Override
            public Collection<String> secrets() {
                return secrets;
            }
        };
    }
}
