package dev.interlink.platform.admin;

import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.auth.Scopes;
import dev.interlink.platform.auth.SessionPrincipals;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns the {@code adm} claim of one of our JWTs into a principal, checked against the database on every
 * request: the admin must exist, be active, not be locked, belong to the token's tenant, and the tenant must
 * be live. So disabling, deleting or locking an admin ends its session at once.
 */
@Singleton
public class AdminPrincipals implements SessionPrincipals {
    private final AdminUserRepository admins;
    private final Clock clock;

    public AdminPrincipals(AdminUserRepository admins, Clock clock) {
        this.admins = admins;
        this.clock = clock;
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
        return admins.findUsable(admin, tenant, clock.instant())
                .map(a -> new Principal(a.tenantId(), null, "admin:" + a.email(), Set.copyOf(Scopes.ALL)));
    }
}
