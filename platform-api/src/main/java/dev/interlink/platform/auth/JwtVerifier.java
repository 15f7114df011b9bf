package dev.interlink.platform.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.interlink.platform.observability.InterlinkMetrics;
import io.micrometer.core.instrument.Counter;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a bearer token into a {@link Principal}, or nothing. Two kinds are accepted:
 *
 * <ul>
 *   <li>ours ({@code iss} = our issuer): ES256 only, {@code kid} must be one of our configured keys;
 *   <li>a tenant's own ({@code iss} = an API client id with a registered public JWK): the algorithm must
 *       fit that key, {@code exp} at most the token TTL ahead.
 * </ul>
 *
 * <p>Both then need a live client of a live tenant ({@link ActiveClients}, cached per replica and evicted on every
 * replica when a client is revoked or its tenant deleted), so revocation and tenant deletion take effect within
 * about a millisecond on the replica that made them and within one notification everywhere else.
 * The algorithm is always chosen by us from the key, never by the token header: this is what defeats
 * {@code alg: none} and the HS256-with-the-public-key confusion.
 */
@Singleton
public class JwtVerifier {
    private static final Set<JWSAlgorithm> TENANT_ALGORITHMS =
            Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.RS256, JWSAlgorithm.PS256);

    /** Cache binding for tokens verified with our own (configured, immutable at runtime) key set. */
    private static final String OUR_KEYS = "interlink";

    private final DefaultJWTProcessor<SecurityContext> ours;
    private final JwtConfig config;
    private final ActiveClients clients;
    private final Clock clock;
    private final SessionPrincipals admins;
    private final VerifiedTokens verified;

    private final FailedTokens failed = new FailedTokens();
    private final Counter accepted;
    private final Counter refused;
    private final Counter refusedAgain;

    public JwtVerifier(
            SigningKeys keys,
            JwtConfig config,
            ActiveClients clients,
            Clock clock,
            SessionPrincipals admins,
            InterlinkMetrics metrics) {
        this.accepted = metrics.tokenChecks("accepted");
        this.refused = metrics.tokenChecks("refused");
        this.refusedAgain = metrics.tokenChecks("refused_again");
        this.config = config;
        this.clients = clients;
        this.clock = clock;
        this.admins = admins;
        this.verified = new VerifiedTokens(config.clockSkew());
        this.ours = processor(
                keys.verificationKeys(),
                Set.of(JWSAlgorithm.ES256),
                config.issuer(),
                Set.of(config.audience(), config.adminAudience()));
    }

    /**
     * Only what is wrong with the token itself answers "no principal" (401): the catch names the parse, signature
     * and claim failures and nothing else. Anything the database throws while the client, admin or tenant is looked
     * up propagates, so {@link AuthFilter} answers 503: a database cut must never be reported as "invalid token",
     * whatever SQLState (or none) the broken connection gives.
     *
     * <p>Only those token defects are remembered in {@link FailedTokens}: they are what costs signature work, and
     * they cannot heal. A lookup that finds no live client or admin is answered 401 but checked again next time, so
     * nothing transient (a cut, a client created a moment ago on another replica) is ever held against a token.
     */
    public Optional<Principal> verify(String token) {
        Instant now = clock.instant();
        if (failed.recentlyRefused(token, now)) {
            refusedAgain.increment();
            return Optional.empty();
        }
        Optional<Principal> principal;
        try {
            principal = check(token);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            // parse errors, bad signatures, failed claims: all the same 401 to the caller
            failed.refused(token, now);
            principal = Optional.empty();
        }
        (principal.isPresent() ? accepted : refused).increment();
        return principal;
    }

    private Optional<Principal> check(String token) throws ParseException, BadJOSEException, JOSEException {
        // a token of ours verified before needs no parsing at all: its claims are remembered with it
        JWTClaimsSet known = verified.get(token, OUR_KEYS, clock.instant()).orElse(null);
        if (known != null) return ours(known);
        SignedJWT jwt = SignedJWT.parse(token);
        String issuer = jwt.getJWTClaimsSet().getIssuer();
        if (issuer == null) {
            throw new ParseException("no issuer", 0);
        }
        return config.issuer().equals(issuer) ? verifyOurs(token) : verifyTenantSigned(token, issuer);
    }

    private Optional<Principal> verifyOurs(String token) throws ParseException, BadJOSEException, JOSEException {
        JWTClaimsSet claims = ours.process(token, null);
        verified.put(token, OUR_KEYS, claims);
        return ours(claims);
    }

    /** The principal of verified claims of ours: an admin session or an API client, while it is live. */
    private Optional<Principal> ours(JWTClaimsSet claims) throws ParseException {
        Object tid = claims.getClaim("tid");
        String scope = claims.getStringClaim("scope");
        String adminUserId = claims.getStringClaim("adm");
        List<String> audience = claims.getAudience();
        if (adminUserId != null) {
            // an admin UI session: only with the admin audience, and only while that admin is active in a live
            // tenant (SessionPrincipals)
            return audience.contains(config.adminAudience())
                    ? admins.principal(adminUserId, String.valueOf(tid))
                    : Optional.empty();
        }
        if (!audience.contains(config.audience())) {
            return Optional.empty();
        }
        return clients.findActive(claims.getSubject())
                .filter(c -> c.tenantId().toString().equals(tid))
                .map(c -> principal(c, scope));
    }

    private Optional<Principal> verifyTenantSigned(String token, String clientId)
            throws ParseException, BadJOSEException, JOSEException {
        Optional<ApiClient> client = clients.findActive(clientId).filter(c -> c.publicJwk() != null);
        if (client.isEmpty()) {
            return Optional.empty();
        }
        String jwk = client.get().publicJwk();
        JWTClaimsSet claims = verified.get(token, jwk, clock.instant()).orElse(null);
        if (claims == null) {
            claims = processor(new JWKSet(JWK.parse(jwk)), TENANT_ALGORITHMS, clientId, null)
                    .process(token, null);
            Instant latestExpiry = clock.instant().plus(config.tokenTtl()).plus(config.clockSkew());
            if (claims.getExpirationTime().toInstant().isAfter(latestExpiry)) {
                return Optional.empty();
            }
            verified.put(token, jwk, claims);
        }
        String scope = claims.getClaim("scope") == null ? null : claims.getStringClaim("scope");
        return Optional.of(principal(client.get(), scope));
    }

    /** Scopes are what the token asks for, limited to what the client holds now. */
    private static Principal principal(ApiClient client, String scope) {
        Set<String> held = new LinkedHashSet<>(Arrays.asList(client.scopes()));
        Set<String> granted = new LinkedHashSet<>(held);
        if (scope != null) {
            granted = new LinkedHashSet<>(List.of(scope.trim().split("\\s+")));
            granted.retainAll(held);
        }
        return Principal.apiClient(client, granted);
    }

    /** {@code ourAudiences} null: a tenant-signed token, which must name the API audience and few claims. */
    private DefaultJWTProcessor<SecurityContext> processor(
            JWKSet keys, Set<JWSAlgorithm> algorithms, String issuer, Set<String> ourAudiences) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, new ImmutableJWKSet<>(keys)));
        boolean ourClaims = ourAudiences != null;
        Set<String> required = ourClaims ? Set.of("sub", "tid", "exp", "iat", "jti") : Set.of("exp");
        DefaultJWTClaimsVerifier<SecurityContext> verifier = new DefaultJWTClaimsVerifier<>(
                // a HashSet: Nimbus probes it with contains(null)
                new java.util.HashSet<>(ourClaims ? ourAudiences : Set.of(config.audience())),
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                required,
                Set.of());
        verifier.setMaxClockSkew((int) config.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(verifier);
        return processor;
    }
}
