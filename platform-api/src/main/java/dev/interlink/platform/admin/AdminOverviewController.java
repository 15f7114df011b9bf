package dev.interlink.platform.admin;

import dev.interlink.platform.auth.AdminSessionOnly;
import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.auth.RequiresScope;
import dev.interlink.platform.auth.Scopes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@AdminSessionOnly
@Controller("/admin/overview")
@Tag(name = "Admin")
public class AdminOverviewController {
    private final AdminOverview overview;

    public AdminOverviewController(AdminOverview overview) {
        this.overview = overview;
    }

    @Operation(
            summary = "Accounts by provider and status, accounts needing re-authorization, request volume and"
                    + " errors (status >= 400) in hourly buckets over 24 h and daily buckets over 7 days")
    @Get
    @RequiresScope(Scopes.ACCOUNTS_READ)
    public AdminOverview.Overview get(Principal principal) {
        return overview.of(principal.tenantId());
    }
}
