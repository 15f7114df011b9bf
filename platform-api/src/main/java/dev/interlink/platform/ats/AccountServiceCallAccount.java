package dev.interlink.platform.ats;

import dev.interlink.platform.account.AccountService;
import dev.interlink.platform.account.ConnectedAccount;
import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.ConnectorContexts;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * {@link CallAccount} on the account service: tenant check, status check, decrypted credentials, then the account's
 * context from {@link ConnectorContexts}. A definitive provider rejection marks the account needs_reauth.
 */
@Singleton
public class AccountServiceCallAccount implements CallAccount {
    private final AccountService accounts;
    private final ConnectorContexts contexts;

    public AccountServiceCallAccount(AccountService accounts, ConnectorContexts contexts) {
        this.accounts = accounts;
        this.contexts = contexts;
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
        return contexts.open(
                tenantId,
                accountId,
                connected.provider(),
                connected.credentials(),
                reason -> accounts.markNeedsReauth(tenantId, accountId, reason));
    }

    @Override
    public String provider(Principal principal, String integratedAccountId) {
        return accounts.get(principal.tenantId(), integratedAccountId).provider();
    }
}
