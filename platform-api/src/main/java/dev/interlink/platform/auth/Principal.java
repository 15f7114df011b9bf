package dev.interlink.platform.auth;

import io.micronaut.core.annotation.Nullable;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: the tenant and either the API client or the signed-in admin proven by the JWT. The only source of
 * a tenant id for any tenant-scoped query (nothing reads a tenant id from the request).
 */
public record Principal(
        UUID tenantId, @Nullable UUID apiClientId, String clientId, Set<String> scopes, @Nullable UUID adminUserId) {

    public static Principal apiClient(ApiClient client, Set<String> scopes) {
        return new Principal(client.tenantId(), client.id(), client.clientId(), Set.copyOf(scopes), null);
    }

    /** An admin-UI session: every scope, including the admin-only ones no API client can hold. */
    public static Principal adminSession(UUID tenantId, UUID adminUserId, String email) {
        return new Principal(tenantId, null, "admin:" + email, Set.copyOf(Scopes.ADMIN_SESSION), adminUserId);
    }

    public boolean has(String scope) {
        return scopes.contains(scope);
    }

    public boolean isAdminSession() {
        return adminUserId != null;
    }

    /** Who did it, for audit columns: {@code admin_user:<id>} or {@code api_client:<id>}. */
    public String actor() {
        return isAdminSession() ? "admin_user:" + adminUserId : "api_client:" + apiClientId;
    }
}
