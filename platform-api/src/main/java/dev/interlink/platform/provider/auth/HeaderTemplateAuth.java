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
        // the header values, and every field the catalog marks secret (a non-secret field such as an agency slug
        // would only blank out harmless text)
        List<String> secrets = java.util.stream.Stream.concat(
                        headers.values().stream(),
                        provider.fields().stream().filter(f -> f.secret()).map(f -> credentials.get(f.name())))
                .filter(v -> v != null)
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
