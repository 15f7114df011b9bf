package dev.interlink.platform.auth;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.DatabaseUnavailable;
import dev.interlink.platform.common.Problems;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates every matched route that is not {@link PublicRoute}, and checks its {@link RequiresScope}.
 * Unmatched requests pass through so they answer 404/405 rather than 401.
 */
@ServerFilter(value = "/**", patternStyle = FilterPatternStyle.ANT)
public class AuthFilter implements Ordered {
    public static final String PRINCIPAL = "interlink.principal";
    private static final Logger LOG = LoggerFactory.getLogger(AuthFilter.class);

    private final JwtVerifier verifier;

    public AuthFilter(JwtVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        Optional<RouteMatch<?>> match = RouteAttributes.getRouteMatch(request);
        if (match.isEmpty()) {
            return null;
        }
        AnnotationMetadata route = match.get().getRouteInfo().getAnnotationMetadata();
        if (route.hasAnnotation(PublicRoute.class) || route.hasStereotype(Endpoint.class)) {
            // health and readiness (management endpoints) are probes, not tenant data
            return null;
        }
        Optional<Principal> principal;
        try {
            principal = bearer(request).flatMap(verifier::verify);
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.sqlFailure(e)) {
                throw e;
            }
            // the token may be fine: we could not look its client up, and a retry will tell
            LOG.warn("Principal lookup failed on the database: {}", e.toString());
            return Problems.response(ApiProblem.of(
                            ErrorCode.PLATFORM_UNAVAILABLE, "The database is unreachable for now; retry after a moment")
                    .header("Retry-After", String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS)));
        }
        if (principal.isEmpty()) {
            return Problems.response(
                    ApiProblem.of(ErrorCode.PLATFORM_AUTHENTICATION_INVALID, "A valid bearer token is required"));
        }
        Optional<String> scope = route.stringValue(RequiresScope.class);
        if (scope.isEmpty()) {
            // fail closed: a route that forgot to declare its scope is not reachable
            return Problems.response(ApiProblem.of(ErrorCode.PLATFORM_FORBIDDEN, "This route declares no scope"));
        }
        if (route.hasAnnotation(AdminSessionOnly.class) && !principal.get().isAdminSession()) {
            return Problems.response(ApiProblem.of(
                    ErrorCode.PLATFORM_FORBIDDEN, "This route is for signed-in admins, not for API clients"));
        }
        if (!principal.get().has(scope.get())) {
            return Problems.response(
                    ApiProblem.of(ErrorCode.PLATFORM_FORBIDDEN, "This route needs the scope '" + scope.get() + "'"));
        }
        request.setAttribute(PRINCIPAL, principal.get());
        return null;
    }

    private static Optional<String> bearer(HttpRequest<?> request) {
        String header = request.getHeaders().getAuthorization().orElse(null);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
