package dev.interlink.platform.auth;

import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: the tenant and API client proven by the JWT. The only source of a tenant id for any
 * tenant-scoped query (nothing reads a tenant id from the request).
 */
public record Principal(UUID tenantId, UUID apiClientId, String clientId, Set<String> scopes) {
    public boolean has(String scope) {
        return scopes.contains(scope);
    }
}
