package dev.interlink.platform.tenant;

import dev.interlink.platform.auth.ApiClientService;
import dev.interlink.platform.auth.Scopes;
import dev.interlink.platform.cache.ReplicaCache;
import dev.interlink.platform.cache.ReplicaCaches;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
public class TenantService {
    private final TenantRepository tenants;
    private final ApiClientService clients;
    private final Clock clock;
    /** Live tenants by id, per replica: read on every {@code GET /tenant}, changed rarely (ReplicaCaches). */
    private final ReplicaCache<UUID, Tenant> live;

    private final ReplicaCaches caches;

    public TenantService(TenantRepository tenants, ApiClientService clients, Clock clock, ReplicaCaches caches) {
        this.tenants = tenants;
        this.clients = clients;
        this.clock = clock;
        this.caches = caches;
        this.live = caches.cache("tenants", 10_000);
        caches.subscribe("tenant", id -> live.invalidate(UUID.fromString(id)));
    }

    /** What {@code ./interlink tenant create} prints: the secret exists only in this object. */
    public record Bootstrap(Tenant tenant, String clientId, String clientSecret) {}

    /** A tenant with a slug derived from its name, and its first API client, which holds every scope. */
    @Transactional
    public Bootstrap create(String name) {
        return create(name, null);
    }

    /**
     * A tenant and its first API client, which holds every scope. An explicit slug must be free; a derived one gets a
     * random suffix when its name's slug is taken (two concurrent creates of one name may still meet the unique index:
     * operators create tenants one at a time, so that rare case is a failed command, not a wrong tenant).
     */
    @Transactional
    public Bootstrap create(String name, @Nullable String slug) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(new FieldError("/name", "is required (1 to 200 characters)"));
        }
        if (slug != null && !TenantSlugs.FORMAT.matcher(slug).matches()) {
            errors.add(new FieldError("/slug", "must be 1 to 63 lower-case letters, digits or inner hyphens"));
        } else if (slug != null && tenants.slugTaken(slug)) {
            errors.add(new FieldError("/slug", "is taken by another tenant"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        String chosen = slug != null ? slug : freeSlug(TenantSlugs.fromName(name));
        Tenant tenant = tenants.save(new Tenant(
                UUID.randomUUID(),
                name.strip(),
                chosen,
                name.strip(),
                new String[0],
                clock.instant(),
                clock.instant(),
                null));
        ApiClientService.Created client =
                clients.create(tenant.id(), "default", Scopes.ALL, null, ApiClientService.Grantor.OPERATOR);
        return new Bootstrap(tenant, client.client().clientId(), client.secret());
    }

    private String freeSlug(String base) {
        String candidate = base;
        while (tenants.slugTaken(candidate)) {
            candidate = TenantSlugs.withSuffix(base);
        }
        return candidate;
    }

    public Optional<Tenant> find(UUID tenantId) {
        return Optional.ofNullable(live.get(tenantId, id -> tenants.findLive(id).orElse(null)));
    }

    /** The live tenant, share-locked until the surrounding transaction ends (deletion waits for it). */
    public Optional<Tenant> findLiveForShare(UUID tenantId) {
        return tenants.findLiveForShare(tenantId);
    }

    @Transactional
    public Tenant update(UUID tenantId, @Nullable String displayName, @Nullable List<String> allowedOrigins) {
        Tenant current = tenants.findLive(tenantId).orElseThrow();
        List<FieldError> errors = new ArrayList<>();
        if (displayName != null && (displayName.isBlank() || displayName.length() > 200)) {
            errors.add(new FieldError("/display_name", "must be 1 to 200 characters"));
        }
        List<String> origins = null;
        if (allowedOrigins != null) {
            origins = new ArrayList<>(new LinkedHashSet<>(allowedOrigins));
            if (origins.size() > 50) {
                errors.add(new FieldError("/allowed_origins", "at most 50 origins"));
            }
            for (int i = 0; i < origins.size(); i++) {
                String problem = originProblem(origins.get(i));
                if (problem != null) {
                    errors.add(new FieldError("/allowed_origins/" + i, problem));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        caches.changed("tenant", tenantId);
        return tenants.update(new Tenant(
                current.id(),
                current.name(),
                current.slug(),
                displayName == null ? current.displayName() : displayName.strip(),
                origins == null ? current.allowedOrigins() : origins.toArray(String[]::new),
                current.createdAt(),
                clock.instant(),
                null));
    }

    /**
     * An origin is exactly {@code scheme://host[:port]}: it becomes a postMessage target and a CSP
     * frame-ancestors source, so paths, wildcards and plain http on public hosts are refused.
     */
    static String originProblem(String origin) {
        if (origin == null || origin.isBlank()) {
            return "must not be empty";
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (Exception e) {
            return "is not a valid origin";
        }
        if (uri.getScheme() == null
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            return "must be scheme://host[:port] with no path, e.g. https://app.example.com";
        }
        boolean local = uri.getHost().equals("localhost") || uri.getHost().equals("127.0.0.1");
        if (!uri.getScheme().equals("https") && !(uri.getScheme().equals("http") && local)) {
            return "must use https (http is allowed for localhost only)";
        }
        if (uri.getHost().contains("*")) {
            return "wildcards are not allowed";
        }
        return null;
    }
}
