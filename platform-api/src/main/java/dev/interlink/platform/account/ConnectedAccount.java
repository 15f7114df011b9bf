package dev.interlink.platform.account;

import dev.interlink.platform.provider.catalog.ProviderDefinition;
import dev.interlink.platform.vault.Credentials;

/**
 * Everything needed to call the provider for one account, for the duration of one call: the account, its
 * catalog entry and the decrypted credentials. Never store it, log it or return it (its {@code toString} masks the
 * credentials).
 */
public record ConnectedAccount(IntegratedAccount account, ProviderDefinition provider, Credentials credentials) {
    @Override
    public String toString() {
        return "ConnectedAccount[" + account.id() + ", " + provider.id() + ", " + credentials + "]";
    }
}
