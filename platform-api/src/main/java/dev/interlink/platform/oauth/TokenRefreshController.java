package dev.interlink.platform.oauth;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.account.AccountController;
import dev.interlink.platform.account.AccountService;
import dev.interlink.platform.account.ConnectedAccount;
import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.auth.RequiresScope;
import dev.interlink.platform.auth.Scopes;
import dev.interlink.platform.common.ApiProblem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code POST /integrated-accounts/{id}/refresh}: refreshes an OAuth 2.0 account's access token now (single flight
 * like every refresh) and answers the new expiry — never a token. For an account whose provider does not use OAuth
 * 2.0 it answers INTEGRATION.ACTION_NOT_SUPPORTED.
 */
@Controller("/integrated-accounts/{id}/refresh")
@Tag(name = "Integrated accounts")
public class TokenRefreshController {
    private final AccountService accounts;
    private final TokenRefresher refresher;

    public TokenRefreshController(AccountService accounts, TokenRefresher refresher) {
        this.accounts = accounts;
        this.refresher = refresher;
    }

    public record Refreshed(String integratedAccountId, Instant expiresAt) {}

    @Operation(summary = "Refresh an OAuth 2.0 account's access token now; answers the new expiry")
    @Post
    @RequiresScope(Scopes.ACCOUNTS_WRITE)
    public Refreshed refresh(Principal principal, HttpRequest<?> request, @PathVariable String id) {
        ConnectedAccount connected = accounts.resolveForCall(principal.tenantId(), id); // 404 / 409 first
        UUID accountId = connected.account().id();
        request.setAttribute(AccountController.ACCOUNT_ATTRIBUTE, accountId);
        if (connected.provider().oauth2() == null) {
            throw ApiProblem.of(
                    ErrorCode.INTEGRATION_ACTION_NOT_SUPPORTED,
                    connected.provider().displayName() + " accounts do not use OAuth 2.0 tokens");
        }
        TokenSet fresh = refresher.refresh(
                principal.tenantId(),
                accountId,
                connected.provider(),
                TokenSet.of(connected.credentials()),
                reason -> accounts.markNeedsReauth(principal.tenantId(), accountId, reason));
        return new Refreshed(accountId.toString(), fresh.expiresAt());
    }
}
