package dev.interlink.platform.observability;

import dev.interlink.platform.auth.PublicRoute;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Executable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;

/** The Prometheus text exposition of every meter; routed on the management port by {@link MetricsRoute}. */
@Singleton
public class MetricsEndpoint {
    static final MediaType PROMETHEUS_TEXT = MediaType.of("text/plain; version=0.0.4; charset=utf-8");

    private final PrometheusMeterRegistry registry;

    public MetricsEndpoint(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Executable
    @PublicRoute // the management port is not reachable from outside (helm/README.md); it has no tenant data
    public HttpResponse<String> scrape() {
        return HttpResponse.ok(registry.scrape()).contentType(PROMETHEUS_TEXT);
    }
}
