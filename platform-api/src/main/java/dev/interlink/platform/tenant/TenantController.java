package dev.interlink.platform.tenant;

import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.auth.RequiresScope;
import dev.interlink.platform.auth.Scopes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The caller's own tenant: there is no tenant id in the path, the principal says which. */
@Controller("/tenant")
@Tag(name = "Tenant")
public class TenantController {
    private final TenantService service;

    public TenantController(TenantService service) {
        this.service = service;
    }

    public record TenantView(
            UUID id, String name, String slug, String displayName, List<String> allowedOrigins, Instant createdAt) {
        static TenantView of(Tenant t) {
            return new TenantView(
                    t.id(), t.name(), t.slug(), t.displayName(), Arrays.asList(t.allowedOrigins()), t.createdAt());
        }
    }

    public record TenantPatch(@Nullable String displayName, @Nullable List<String> allowedOrigins) {}

    @Operation(summary = "The tenant's settings")
    @Get
    @RequiresScope(Scopes.TENANT_READ)
    public TenantView get(Principal principal) {
        return TenantView.of(service.find(principal.tenantId()).orElseThrow());
    }

    @Operation(summary = "Change the display name or the origins allowed to embed the link widget")
    @Patch
    @RequiresScope(Scopes.TENANT_WRITE)
    public TenantView update(Principal principal, @Body TenantPatch patch) {
        return TenantView.of(service.update(principal.tenantId(), patch.displayName(), patch.allowedOrigins()));
    }
}
