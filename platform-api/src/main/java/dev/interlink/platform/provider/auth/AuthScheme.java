package dev.interlink.platform.provider.auth;

import dev.interlink.platform.provider.catalog.AuthMode;
import dev.interlink.platform.provider.catalog.ProviderDefinition;
import dev.interlink.platform.vault.Credentials;
import java.util.Set;
import java.util.UUID;

/**
 * One bean per family of auth modes (a static key or basic header today; OAuth 2.0 with refresh next). Opens the
 * {@link AccountAuth} of one account for the duration of one request.
 */
public interface AuthScheme {
    Set<AuthMode> modes();

    /**
     * @param tenantId the owner of a stored account; null while a credential set is verified as given (nothing is
     *     refreshed or recorded for it)
     * @param accountId the account whose budget the calls spend (for a verification, the id the account will get)
     * @param onRejected records that the provider rejected a stored credential for good (re-authorization needed)
     */
    AccountAuth open(
            UUID tenantId, UUID accountId, ProviderDefinition provider, Credentials credentials, Rejections onRejected);

    /** What to do with a definitive rejection of stored credentials. */
    @FunctionalInterface
    interface Rejections {
        Rejections IGNORE = reason -> {};

        void needsReauth(String reason);
    }
}
