package dev.interlink.platform.account;

import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.auth.RequiresScope;
import dev.interlink.platform.auth.Scopes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;

/**
 * The tenant's integrated accounts. Credentials go in (import, re-authorization) and never come out.
 * Another tenant's account id answers 404 {@code INTEGRATION.ACCOUNT_NOT_FOUND}, exactly like a missing one.
 */
@Controller("/integrated-accounts")
@Tag(name = "Integrated accounts")
public class AccountController {
    /** Request attribute read by the request log: the account a call concerned. */
    public static final String ACCOUNT_ATTRIBUTE = "interlink.account_id";
    /** Request attribute read by the request log: time spent waiting for the provider. */
    public static final String REMOTE_DURATION_ATTRIBUTE = "interlink.remote_duration_ms";

    private final AccountService service;

    public AccountController(AccountService service) {
        this.service = service;
    }

    public record CredentialsRequest(@Nullable Map<String, Object> credentials) {}

    public record PatchRequest(@Nullable String status, @Nullable Map<String, Object> context) {}

    @Operation(
            summary = "Import an account: validate and verify its credentials with the provider, store them encrypted")
    @Post
    @RequiresScope(Scopes.ACCOUNTS_WRITE)
    public HttpResponse<IntegratedAccount> create(
            Principal principal, HttpRequest<?> request, @Body AccountService.ConnectCommand body) {
        AccountService.Connected connected = service.connect(principal.tenantId(), body);
        request.setAttribute(ACCOUNT_ATTRIBUTE, connected.account().id());
        request.setAttribute(REMOTE_DURATION_ATTRIBUTE, connected.remoteMillis());
        return HttpResponse.<IntegratedAccount>status(HttpStatus.CREATED)
                .body(connected.account())
                .header(
                        "Location",
                        "/integrated-accounts/" + connected.account().id());
    }

    @Operation(summary = "List accounts (filters: provider, status, end_user_id; cursor pagination)")
    @Get
    @RequiresScope(Scopes.ACCOUNTS_READ)
    public Page<IntegratedAccount> list(
            Principal principal,
            @QueryValue @Nullable String provider,
            @QueryValue @Nullable String status,
            @QueryValue("end_user_id") @Nullable String endUserId,
            @QueryValue("next_cursor") @Nullable String nextCursor,
            @QueryValue @Nullable String cursor,
            @QueryValue @Nullable Integer limit) {
        return service.list(
                principal.tenantId(), provider, status, endUserId, PageCursor.param(nextCursor, cursor), limit);
    }

    @Operation(summary = "One account (never its credentials)")
    @Get("/{id}")
    @RequiresScope(Scopes.ACCOUNTS_READ)
    public IntegratedAccount get(Principal principal, HttpRequest<?> request, @PathVariable String id) {
        IntegratedAccount account = service.get(principal.tenantId(), id);
        request.setAttribute(ACCOUNT_ATTRIBUTE, account.id());
        return account;
    }

    @Operation(summary = "The account's status changes, oldest first")
    @Get("/{id}/status-history")
    @RequiresScope(Scopes.ACCOUNTS_READ)
    public Map<String, Object> history(Principal principal, @PathVariable String id) {
        List<StatusChange> changes = service.history(principal.tenantId(), id);
        return Map.of("result", changes, "result_count", changes.size());
    }

    @Operation(summary = "Disable or enable an account, or replace its context")
    @Patch("/{id}")
    @RequiresScope(Scopes.ACCOUNTS_WRITE)
    public IntegratedAccount update(
            Principal principal, HttpRequest<?> request, @PathVariable String id, @Body PatchRequest body) {
        IntegratedAccount account = service.update(principal.tenantId(), id, body.status(), body.context());
        request.setAttribute(ACCOUNT_ATTRIBUTE, account.id());
        return account;
    }

    @Operation(summary = "Re-authorize in place: new credentials, verified, same account id")
    @Put("/{id}/credentials")
    @RequiresScope(Scopes.ACCOUNTS_WRITE)
    public IntegratedAccount reauthorize(
            Principal principal, HttpRequest<?> request, @PathVariable String id, @Body CredentialsRequest body) {
        AccountService.Connected connected = service.reauthorize(principal.tenantId(), id, body.credentials());
        request.setAttribute(ACCOUNT_ATTRIBUTE, connected.account().id());
        request.setAttribute(REMOTE_DURATION_ATTRIBUTE, connected.remoteMillis());
        return connected.account();
    }

    @Operation(summary = "Delete an account: credentials wiped at once, the row purged later")
    @Delete("/{id}")
    @RequiresScope(Scopes.ACCOUNTS_WRITE)
    public HttpResponse<Void> delete(Principal principal, @PathVariable String id) {
        service.delete(principal.tenantId(), id);
        return HttpResponse.noContent();
    }
}
