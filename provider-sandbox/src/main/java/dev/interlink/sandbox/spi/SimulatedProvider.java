package dev.interlink.sandbox.spi;

import dev.interlink.sandbox.common.Account;
import dev.interlink.sandbox.common.Req;
import dev.interlink.sandbox.common.Resp;
import dev.interlink.sandbox.common.Router;
import java.util.Map;

/**
 * One simulated provider API. The sandbox core ({@code Sandbox}, {@code SandboxHandler}, the control API and the
 * standalone main) only ever loops over these; everything provider-specific lives behind this interface. The list
 * of simulators is assembled in {@code dev.interlink.sandbox.Simulators}. See provider-sandbox/README.md, "Adding a
 * simulator".
 */
public interface SimulatedProvider extends AutoCloseable {
    /** Lower-case id used in {@code createAccount(id, ...)} and {@code POST /_sandbox/accounts {"provider": id}}. */
    String id();

    /** Human name for logs and the demo banner. */
    String displayName();

    /** Where the provider's HTTP surface is mounted in the sandbox, e.g. {@code /cats/v3}. */
    String mountPath();

    /** What {@code GET /_sandbox/providers} reports about this provider (paths, the real URLs they stand for). */
    ProviderInfo info();

    /** Whether a request path belongs to this provider; default: the mount path itself or anything below it. */
    default boolean claims(String path) {
        return path.equals(mountPath()) || path.startsWith(mountPath() + "/");
    }

    /**
     * Serves one request. {@code req.path} is relative to {@link #mountPath()} ("/" when empty) and
     * {@code req.baseUrl} is the absolute mount URL as the client addressed it.
     */
    Resp handle(Req req);

    /** Creates, seeds and registers (in the registry the provider was built with) a new account. */
    Account createAccount(AccountRequest request);

    /** The credentials and base path a client of {@code account} uses (what {@code Sandbox.AccountInfo} carries). */
    AccountEndpoint endpoint(Account account);

    /**
     * The credential set that connects a client to {@code account}, named as Interlink's import API names it
     * ({@code POST /integrated-accounts} {@code credentials}): by default the API key and, if any, the agency slug.
     * An OAuth provider answers a freshly minted token pair instead.
     */
    default Map<String, String> connectionCredentials(Account account) {
        AccountEndpoint e = endpoint(account);
        return e.agencySlug() == null
                ? Map.of("api_key", e.apiKey())
                : Map.of("api_key", e.apiKey(), "agency_slug", e.agencySlug());
    }

    /**
     * Extra fields of the control API's account description (creation answer and {@code GET
     * /_sandbox/accounts/{id}}), e.g. OAuth client credentials. {@code origin} is the sandbox's base URL.
     */
    default Map<String, Object> describe(Account account, String origin) {
        return Map.of();
    }

    /**
     * Provider-specific control routes. Templates are full paths below {@code /_sandbox/accounts/{id}/}; they are
     * only matched for accounts of this provider, after the generic control routes. The handler finds the account
     * through {@code req.account}.
     */
    default void controlRoutes(Router router) {}

    /** What {@code GET /_sandbox/accounts/{id}/counters} answers; providers may add their own counters. */
    default Map<String, Object> counters(Account account) {
        return account.counters.snapshot();
    }

    /** {@code DELETE /_sandbox/accounts/{id}/counters}. */
    default void resetCounters(Account account) {
        account.counters.reset();
    }

    /** The fixed demo account {@code INTERLINK_SANDBOX_DEMO=true} creates, or null for none. */
    default AccountRequest demoAccount() {
        return null;
    }

    /** The OAuth 2.0 authorization server of this provider, or null when it has none. */
    default OAuthServer oauth() {
        return null;
    }

    /** Stops background work (webhook retries etc.). */
    @Override
    default void close() {}
}
