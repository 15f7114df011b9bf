package dev.interlink.platform.ats;

import dev.interlink.platform.account.AccountService;
import dev.interlink.platform.account.ConnectedAccount;
import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.catalog.Timeouts;
import dev.interlink.platform.provider.http.ProviderHttp;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.UUID;

/**
 * {@link CallAccount} on the account service: tenant check, status check, decrypted credentials, catalog base URL,
 * auth headers and timeouts. A provider 401/403 during the call marks the account needs_reauth.
 */
@Singleton
public class AccountServiceCallAccount implements CallAccount {
    static final Duration DEFAULT_CONNECT = Duration.ofSeconds(5);
    static final Duration DEFAULT_READ = Duration.ofSeconds(30);

    private final AccountService accounts;
    private final ProviderHttp http;

    public AccountServiceCallAccount(AccountService accounts, ProviderHttp http) {
        this.accounts = accounts;
        this.http = http;
    }

    @Override
    public ConnectorContext resolve(Principal principal, String integratedAccountId) {
        ConnectorContext ctx = resolve(principal.tenantId(), integratedAccountId);
        accounts.touchLastUsed(principal.tenantId(), ctx.accountId()); // tenant use only, not background polls
        return ctx;
    }

    @Override
    public ConnectorContext resolve(UUID tenantId, String integratedAccountId) {
        ConnectedAccount connected = accounts.resolveForCall(tenantId, integratedAccountId);
        UUID accountId = connected.account().id();
        Timeouts t = connected.provider().timeouts();
        return new ConnectorContext(
                accountId,
                connected.provider().id(),
                connected.baseUrl(),
                connected.authHeaders(),
                t == null || t.connect() == null ? DEFAULT_CONNECT : t.connect(),
                t == null || t.read() == null ? DEFAULT_READ : t.read(),
                http,
                reason -> accounts.markNeedsReauth(tenantId, accountId, reason));
    }

    @Override
    public String provider(Principal principal, String integratedAccountId) {
        return accounts.get(principal.tenantId(), integratedAccountId).provider();
    }
}
