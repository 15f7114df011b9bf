package dev.interlink.platform.auth;

import dev.interlink.platform.cache.ReplicaCache;
import dev.interlink.platform.cache.ReplicaCaches;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The live API client behind a token, cached per replica: every authenticated call needs it, and it changes only
 * when the client is revoked or re-keyed or its tenant is deleted. Such a change reaches every replica's cache
 * through {@link ReplicaCaches} (a trigger's NOTIFY, or {@link #changed} on the replica that made it). Only live
 * clients are kept: a revoked or unknown client id is looked up each time, so tokens naming made-up issuers cannot
 * push real clients out.
 */
@Singleton
public class ActiveClients {
    static final long MAX_ENTRIES = 10_000;

    private final ApiClientRepository clients;
    private final ReplicaCache<String, ApiClient> cache;
    private final ReplicaCaches caches;

    public ActiveClients(ApiClientRepository clients, ReplicaCaches caches) {
        this.clients = clients;
        this.caches = caches;
        this.cache = caches.cache("api_clients", MAX_ENTRIES);
        caches.subscribe("api_client", cache::invalidate);
        caches.subscribe(
                "tenant",
                tenantId -> cache.invalidateIf(c -> c.tenantId().toString().equals(tenantId)));
    }

    /** A usable client: not revoked, its tenant not deleted. */
    public Optional<ApiClient> findActive(String clientId) {
        return Optional.ofNullable(
                cache.get(clientId, id -> clients.findActiveByClientId(id).orElse(null)));
    }

    /** This replica changed the client: forget it now, not only when the notification arrives. */
    public void changed(String clientId) {
        caches.changed("api_client", clientId);
    }
}
