package dev.interlink.platform.log;

import dev.interlink.platform.auth.AuthFilter;
import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.common.RequestIdFilter;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;
import java.time.Clock;
import java.util.UUID;
import org.reactivestreams.Publisher;

/**
 * Records every authenticated tenant-API call in the request log: the route TEMPLATE (never the raw path or
 * query, which can carry ids and search terms), status and durations. The account id and provider time come
 * from request attributes set by the features ({@code interlink.account_id}, {@code
 * interlink.remote_duration_ms}). The row is only queued here ({@link RequestLogWriter}).
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class RequestLogFilter implements HttpServerFilter {
    public static final String ACCOUNT_ATTRIBUTE = "interlink.account_id";
    public static final String REMOTE_DURATION_ATTRIBUTE = "interlink.remote_duration_ms";

    private final RequestLogWriter writer;
    private final Clock clock;

    public RequestLogFilter(RequestLogWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10; // inside the request id filter, outside authentication
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        long start = System.nanoTime();
        return Publishers.map(chain.proceed(request), response -> {
            try {
                record(request, response.code(), (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException ignored) {
                // the log must never break a response
            }
            return response;
        });
    }

    private void record(HttpRequest<?> request, int status, long durationMs) {
        Principal principal =
                request.getAttribute(AuthFilter.PRINCIPAL, Principal.class).orElse(null);
        if (principal == null) {
            return;
        }
        String route = RouteAttributes.getRouteMatch(request)
                .filter(m -> m instanceof UriRouteMatch<?, ?>)
                .map(m -> ((UriRouteMatch<?, ?>) m)
                        .getRouteInfo()
                        .getUriMatchTemplate()
                        .toPathString())
                .orElse("(unmatched)");
        writer.enqueue(new RequestLogEntry(
                null,
                principal.tenantId(),
                principal.apiClientId(),
                accountId(request.getAttribute(ACCOUNT_ATTRIBUTE).orElse(null)),
                request.getMethodName(),
                route,
                status,
                durationMs,
                request.getAttribute(REMOTE_DURATION_ATTRIBUTE)
                        .map(v -> v instanceof Number n ? n.longValue() : null)
                        .orElse(null),
                request.getAttribute(RequestIdFilter.ATTRIBUTE, String.class).orElse(null),
                clock.instant()));
    }

    private static UUID accountId(Object value) {
        if (value instanceof UUID u) {
            return u;
        }
        if (value instanceof String s) {
            try {
                return UUID.fromString(s);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
