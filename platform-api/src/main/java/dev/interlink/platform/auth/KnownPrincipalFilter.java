package dev.interlink.platform.auth;

import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import java.util.Optional;

/**
 * The steady path of authentication, on the event loop: a token this replica verified before, of a client it holds
 * cached ({@link JwtVerifier#fromMemory}), needs no database, so sending it to the blocking executor and back would
 * only cost two thread switches per call (docs/benchmarks.md, "Session 10"). Its principal and scopes are checked
 * here exactly as {@link AuthFilter} checks them; anything not known in memory is left to {@link AuthFilter}.
 */
@ServerFilter(value = "/**", patternStyle = FilterPatternStyle.ANT)
public class KnownPrincipalFilter implements Ordered {
    private final JwtVerifier verifier;

    public KnownPrincipalFilter(JwtVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 99; // just before AuthFilter
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        AnnotationMetadata route = AuthFilter.protectedRoute(request);
        if (route == null) {
            return null;
        }
        Optional<Principal> known = AuthFilter.bearer(request).flatMap(verifier::fromMemory);
        return known.isEmpty() ? null : AuthFilter.authorize(request, route, known.get());
    }
}
