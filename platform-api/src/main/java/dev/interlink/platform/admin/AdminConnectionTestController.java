package dev.interlink.platform.admin;

import dev.interlink.platform.account.AccountController;
import dev.interlink.platform.account.AccountService;
import dev.interlink.platform.account.CredentialVerifier;
import dev.interlink.platform.account.IntegratedAccount;
import dev.interlink.platform.auth.AdminSessionOnly;
import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.auth.RequiresScope;
import dev.interlink.platform.auth.Scopes;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.catalog.Catalog;
import dev.interlink.platform.provider.catalog.ProviderDefinition;
import dev.interlink.platform.vault.Credentials;
import dev.interlink.platform.vault.SecretRef;
import dev.interlink.platform.vault.Vault;
import dev.interlink.platform.vault.VaultException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;

/**
 * "Test connection" of the admin UI: the provider's verification request (the same cheap read-only call the
 * import makes, {@link CredentialVerifier}) with the account's stored credentials. The tenant comes from the
 * principal, so another tenant's id answers 404 exactly like a missing one. It works for disabled accounts
 * too (an admin may want to know before enabling one) and changes nothing: a failure is reported, not
 * recorded as a status change. The provider's reason is the verifier's, scrubbed of credential values.
 */
@AdminSessionOnly
@Controller("/admin/accounts/{id}/test")
@Tag(name = "Admin")
public class AdminConnectionTestController {
    private final AccountService accounts;
    private final Catalog catalog;
    private final Vault vault;
    private final CredentialVerifier verifier;

    public AdminConnectionTestController(
            AccountService accounts, Catalog catalog, Vault vault, CredentialVerifier verifier) {
        this.accounts = accounts;
        this.catalog = catalog;
        this.vault = vault;
        this.verifier = verifier;
    }

    /**
     * {@code ok}: the provider accepted the credentials. {@code status}: the HTTP status Interlink answers for
     * this outcome on the unified API (200; 422 rejected credentials; 429; 502; 504; 409 no usable
     * credentials). {@code remote_duration_ms}: the provider's time, null when it was not called.
     */
    public record Result(boolean ok, int status, String detail, @Nullable Long remoteDurationMs) {}

    @Operation(summary = "Verify an account's stored credentials with its provider (read-only call)")
    @Post
    @RequiresScope(Scopes.ACCOUNTS_READ)
    public Result test(Principal principal, HttpRequest<?> request, @PathVariable String id) {
        IntegratedAccount account = accounts.get(principal.tenantId(), id); // 404 for foreign or unknown ids
        request.setAttribute(AccountController.ACCOUNT_ATTRIBUTE, account.id());
        Optional<ProviderDefinition> provider = catalog.find(account.provider());
        if (provider.isEmpty()) {
            return new Result(false, 409, "The provider " + account.provider() + " is not configured", null);
        }
        Credentials credentials;
        try {
            Optional<Credentials> stored = vault.load(SecretRef.credentials(principal.tenantId(), account.id()));
            if (stored.isEmpty()) {
                return new Result(false, 409, "No usable credentials are stored: re-authorize the account", null);
            }
            credentials = stored.get();
        } catch (VaultException e) {
            return new Result(false, 409, "The stored credentials cannot be used: re-authorize the account", null);
        }
        long start = System.nanoTime();
        try {
            long remote = verifier.verifyStored(principal.tenantId(), account.id(), provider.get(), credentials)
                    .remoteMillis();
            request.setAttribute(AccountController.REMOTE_DURATION_ATTRIBUTE, remote);
            return new Result(true, 200, provider.get().displayName() + " accepted the stored credentials", remote);
        } catch (ApiProblem problem) {
            long took = (System.nanoTime() - start) / 1_000_000;
            return new Result(false, problem.code().status(), problem.getMessage(), took);
        }
    }
}
