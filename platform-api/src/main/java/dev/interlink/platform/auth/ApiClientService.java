package dev.interlink.platform.auth;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.FieldError;
import dev.interlink.platform.common.Ids;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** API clients of a tenant: creation, secret rotation, revocation, and client authentication. */
@Singleton
public class ApiClientService {
    private final ApiClientRepository repository;
    private final ApiClientSecretRepository secrets;
    private final Clock clock;
    private final Duration secretGrace;
    private final int maxClients;
    private final ActiveClients active;

    public ApiClientService(
            ApiClientRepository repository,
            ActiveClients active,
            ApiClientSecretRepository secrets,
            Clock clock,
            @Value("${interlink.api-clients.previous-secret-grace:24h}") Duration secretGrace,
            @Value("${interlink.api-clients.max-per-tenant:50}") int maxClients) {
        this.repository = repository;
        this.active = active;
        this.secrets = secrets;
        this.clock = clock;
        this.secretGrace = secretGrace;
        this.maxClients = maxClients;
    }

    /** A client and its first secret. The secret is returned once and stored only as a SHA-256 digest. */
    public record Created(ApiClient client, String secret) {}

    /**
     * Who grants: the scopes it may hand out and the name recorded as {@code created_by}. A principal grants only
     * what it holds; the operator CLI grants every client scope.
     */
    public record Grantor(Set<String> scopes, String actor) {
        public static final Grantor OPERATOR = new Grantor(Set.copyOf(Scopes.ALL), "operator");

        public static Grantor of(Principal principal) {
            return new Grantor(principal.scopes(), principal.actor());
        }

        boolean holdsAll(String[] scopes) {
            return this.scopes.containsAll(Arrays.asList(scopes));
        }
    }

    /** Omitted scopes mean "what the grantor holds", never more. */
    @Transactional
    public Created create(
            UUID tenantId, String name, @Nullable List<String> scopes, @Nullable String publicJwk, Grantor grantor) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(new FieldError("/name", "is required (1 to 200 characters)"));
        }
        Set<String> granted = new LinkedHashSet<>(scopes == null ? grantable(grantor) : scopes);
        List<String> notHeld = new ArrayList<>();
        for (String scope : granted) {
            if (!Scopes.ALL.contains(scope)) {
                errors.add(new FieldError("/scopes", "unknown scope '" + scope + "'; known: " + Scopes.ALL));
            } else if (!grantor.scopes().contains(scope)) {
                notHeld.add(scope);
            }
        }
        String jwk = null;
        if (publicJwk != null) {
            jwk = validatePublicJwk(publicJwk).orElse(null);
            if (jwk == null) {
                errors.add(new FieldError("/public_jwk", "must be a public EC (P-256/P-384) or RSA (>= 2048 bit) JWK"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        if (!notHeld.isEmpty()) {
            throw ApiProblem.of(
                            ErrorCode.PLATFORM_SCOPE_NOT_HELD,
                            "A client can only grant scopes it holds itself; it does not hold " + notHeld)
                    .with("scopes_not_held", notHeld);
        }
        if (repository.countLive(tenantId) >= maxClients) {
            throw ApiProblem.of(
                    ErrorCode.PLATFORM_LIMIT_REACHED,
                    "This tenant already has " + maxClients + " live API clients; revoke one first");
        }
        ApiClient client = repository.save(new ApiClient(
                UUID.randomUUID(),
                tenantId,
                Ids.random("cli_", 12),
                name,
                granted.toArray(String[]::new),
                jwk,
                clock.instant(),
                null,
                grantor.actor()));
        String secret = newSecret(client.id());
        return new Created(client, secret);
    }

    private static List<String> grantable(Grantor grantor) {
        return Scopes.ALL.stream().filter(grantor.scopes()::contains).toList();
    }

    @Transactional
    public Optional<ApiClient> setPublicJwk(UUID tenantId, UUID id, @Nullable String publicJwk, Grantor grantor) {
        // a key registered on a client lets its holder mint that client's tokens: same rule as rotation
        Optional<ApiClient> target = repository.findOfTenant(id, tenantId).filter(c -> c.revokedAt() == null);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        requireHolds(grantor, target.get());
        String jwk = publicJwk == null
                ? null
                : validatePublicJwk(publicJwk)
                        .orElseThrow(() -> ApiProblem.invalid(
                                "/public_jwk", "must be a public EC (P-256/P-384) or RSA (>= 2048 bit) JWK"));
        if (repository.setPublicJwk(id, tenantId, jwk) == 0) {
            return Optional.empty();
        }
        active.changed(target.get().clientId());
        return repository.findOfTenant(id, tenantId);
    }

    /** A new secret; the previous one keeps working for the grace period, older ones stop at once. */
    @Transactional
    public Optional<String> rotate(UUID tenantId, UUID id, Grantor grantor) {
        Optional<ApiClient> client = repository.findOfTenant(id, tenantId).filter(c -> c.revokedAt() == null);
        client.ifPresent(c -> requireHolds(grantor, c));
        return client.map(c -> newSecret(c.id()));
    }

    /** What a revocation reports: the clients the revoked one created that are still live, for the audit trail. */
    public record Revoked(ApiClient client, List<ApiClient> createdClientsStillLive) {}

    @Transactional
    public Optional<Revoked> revoke(UUID tenantId, UUID id, Grantor grantor) {
        Optional<ApiClient> client = repository.findOfTenant(id, tenantId).filter(c -> c.revokedAt() == null);
        if (client.isEmpty()) {
            return Optional.empty();
        }
        requireHolds(grantor, client.get());
        repository.revoke(id, tenantId);
        active.changed(client.get().clientId());
        ApiClient revoked = repository.findOfTenant(id, tenantId).orElseThrow();
        return Optional.of(new Revoked(revoked, repository.findLiveCreatedBy(tenantId, "api_client:" + id)));
    }

    /** Re-keying or revoking a client with more scopes than the caller would hand the caller those scopes. */
    void requireHolds(Grantor grantor, ApiClient target) {
        if (!grantor.holdsAll(target.scopes())) {
            List<String> notHeld = Arrays.stream(target.scopes())
                    .filter(scope -> !grantor.scopes().contains(scope))
                    .toList();
            throw ApiProblem.of(
                            ErrorCode.PLATFORM_SCOPE_NOT_HELD,
                            "This client holds scopes the caller does not hold: " + notHeld)
                    .with("scopes_not_held", notHeld);
        }
    }

    /** The client whose id and secret match, or empty (never says which of the two was wrong). */
    public Optional<ApiClient> authenticate(String clientId, String secret) {
        if (clientId == null || secret == null) {
            return Optional.empty();
        }
        return repository
                .findActiveByClientId(clientId)
                .filter(c -> repository.countLiveSecret(c.id(), Ids.sha256Hex(secret)) > 0);
    }

    private String newSecret(UUID apiClientId) {
        String secret = Ids.random("isk_", 32);
        UUID id = UUID.randomUUID();
        secrets.save(new ApiClientSecret(id, apiClientId, Ids.sha256Hex(secret), clock.instant(), null));
        repository.deleteAllButNewestTwo(apiClientId, id);
        repository.expireOthers(apiClientId, id, clock.instant().plus(secretGrace));
        return secret;
    }

    private static Optional<String> validatePublicJwk(String json) {
        try {
            JWK jwk = JWK.parse(json);
            if (jwk.isPrivate()) {
                return Optional.empty();
            }
            boolean ok = (jwk instanceof ECKey ec
                            && (ec.getCurve().getName().equals("P-256")
                                    || ec.getCurve().getName().equals("P-384")))
                    || (jwk instanceof RSAKey rsa && rsa.size() >= 2048);
            return ok ? Optional.of(jwk.toPublicJWK().toJSONString()) : Optional.empty();
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
