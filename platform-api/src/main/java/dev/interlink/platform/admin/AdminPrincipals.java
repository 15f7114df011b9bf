package dev.interlink.platform.admin;

import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.auth.SessionPrincipals;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns the {@code adm} claim of one of our JWTs into a principal, checked against the database on every
 * request: the admin must exist, be active, belong to the token's tenant, and the tenant must be live. So
 * disabling or deleting an admin ends its session at once.
 */
@Singleton
public class AdminPrincipals implements SessionPrincipals {
    private final AdminUserRepository admins;

    public AdminPrincipals(AdminUserRepository admins) {
        this.admins = admins;
    }

    @Override
    public Optional<Principal> principal(String adminUserId, String tenantId) {
        UUID admin;
        UUID tenant;
        try {
            admin = UUID.fromString(adminUserId);
            tenant = UUID.fromString(tenantId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return admins.findUsable(admin, tenant).map(a -> Principal.adminSession(a.tenantId(), a.id(), a.email()));
    }
}
