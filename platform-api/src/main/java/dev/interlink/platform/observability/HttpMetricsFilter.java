package dev.interlink.platform.observability;

import dev.interlink.platform.log.RequestLogFilter;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;
import org.reactivestreams.Publisher;

/**
 * Rate, errors and latency of every inbound request by route TEMPLATE ({@code /unified/ats/candidates/{id}},
 * never the raw path, which carries ids), plus our own time: the total less the provider time the feature
 * reported ({@code X-Remote-Duration-Ms} or {@link RequestLogFilter#REMOTE_DURATION_ATTRIBUTE}).
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class HttpMetricsFilter implements HttpServerFilter {
    static final String UNMATCHED = "(unmatched)";

    private final InterlinkMetrics metrics;

    public HttpMetricsFilter(InterlinkMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5; // inside the request id, outside everything that can refuse
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        long start = System.nanoTime();
        return Publishers.map(chain.proceed(request), response -> {
            try {
                metrics.httpRequest(
                        request.getMethodName(),
                        route(request),
                        response.code(),
                        System.nanoTime() - start,
                        providerMillis(request, response) * 1_000_000);
            } catch (RuntimeException ignored) {
                // metrics must never break a response
            }
            return response;
        });
    }

    static String route(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                .filter(m -> m instanceof UriRouteMatch<?, ?>)
                .map(m -> ((UriRouteMatch<?, ?>) m)
                        .getRouteInfo()
                        .getUriMatchTemplate()
                        .toPathString())
                .orElse(UNMATCHED);
    }

    private static long providerMillis(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String header = response.getHeaders().get("X-Remote-Duration-Ms");
        if (header != null) {
            try {
                return Long.parseLong(header.trim());
            } catch (NumberFormatException ignored) {
                // fall through to the attribute
            }
        }
        return request.getAttribute(RequestLogFilter.REMOTE_DURATION_ATTRIBUTE)
                .map(v -> v instanceof Number n ? n.longValue() : 0L)
                .orElse(0L);
    }
}
