package dev.interlink.link.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code GET /link-session} returns for a valid link token: who is asking (tenant), for whom (end user),
 * which providers may be connected, whether this is a re-authorization, and which origins may embed the flow.
 */
public record LinkSession(
        Tenant tenant,
        EndUser endUser,
        List<ProviderInfo> providers,
        Reauth reauth,
        List<String> allowedOrigins,
        Instant expiresAt) {

    public LinkSession {
        providers = providers == null ? List.of() : List.copyOf(providers);
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    public Optional<Reauth> reauthorization() {
        return Optional.ofNullable(reauth);
    }

    public Optional<ProviderInfo> provider(String id) {
        return providers.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public String tenantName() {
        return tenant == null
                        || tenant.displayName() == null
                        || tenant.displayName().isBlank()
                ? "This app"
                : tenant.displayName();
    }

    public record Tenant(String displayName) {}

    public record EndUser(String id, String name, String email) {}

    /** Present when the token re-authorizes an existing integrated account in place. */
    public record Reauth(String integratedAccountId, String provider) {}
}
