package dev.interlink.platform.account;

import dev.interlink.platform.provider.catalog.ProviderDefinition;
import dev.interlink.platform.vault.Credentials;
import java.util.Map;

/**
 * Everything needed to call the provider for one account, for the duration of one call: the account, its
 * catalog entry, the decrypted credentials, the resolved base URL and the auth headers. Never store it,
 * log it or return it (its {@code toString} masks the credentials and headers).
 */
public record ConnectedAccount(
        IntegratedAccount account,
        ProviderDefinition provider,
        Credentials credentials,
        String baseUrl,
        Map<String, String> authHeaders) {
    @Override
    public String toString() {
        return "ConnectedAccount[" + account.id() + ", " + provider.id() + ", " + credentials + ", " + baseUrl
                + ", headers=" + authHeaders.keySet() + "]";
    }
}
