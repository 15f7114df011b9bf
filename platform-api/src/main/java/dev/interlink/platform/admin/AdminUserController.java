package dev.interlink.platform.admin;

import dev.interlink.platform.auth.AdminSessionOnly;
import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.auth.RequiresScope;
import dev.interlink.platform.auth.Scopes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The tenant's admin users, for signed-in admins only (an API client cannot add an admin, whatever it holds).
 * Tenant-scoped by the principal; another tenant's admin id answers 404.
 */
@AdminSessionOnly
@Controller("/admin/users")
@Tag(name = "Admin")
public class AdminUserController {
    private final AdminService admins;

    public AdminUserController(AdminService admins) {
        this.admins = admins;
    }

    public record AdminUserView(
            UUID id, String email, String status, Instant createdAt, @Nullable Instant lastSignInAt) {
        static AdminUserView of(AdminUser a) {
            return new AdminUserView(a.id(), a.email(), a.status(), a.createdAt(), a.lastSignInAt());
        }
    }

    public record CreateRequest(@Nullable String email, @Nullable String password) {}

    @Operation(summary = "List the tenant's admin users")
    @Get
    @RequiresScope(Scopes.TENANT_READ)
    public Map<String, Object> list(Principal principal) {
        return Map.of(
                "result",
                admins.list(principal.tenantId()).stream()
                        .map(AdminUserView::of)
                        .toList());
    }

    @Operation(summary = "Add an admin user with an initial password")
    @Post
    @Status(HttpStatus.CREATED)
    @RequiresScope(Scopes.ADMIN_USERS_WRITE)
    public AdminUserView create(Principal principal, @Body CreateRequest body) {
        return AdminUserView.of(admins.create(principal.tenantId(), body.email(), body.password()));
    }

    @Operation(summary = "Remove an admin user: its sessions stop working at once")
    @Delete("/{id}")
    @RequiresScope(Scopes.ADMIN_USERS_WRITE)
    public HttpResponse<Void> delete(Principal principal, UUID id) {
        admins.delete(principal.tenantId(), id);
        return HttpResponse.noContent();
    }
}
