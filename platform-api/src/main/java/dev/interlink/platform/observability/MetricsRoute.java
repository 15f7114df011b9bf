package dev.interlink.platform.observability;

import io.micronaut.context.ExecutionHandleLocator;
import io.micronaut.web.router.DefaultRouteBuilder;
import jakarta.inject.Singleton;

/**
 * Binds {@code GET /metrics} to the management port only. Micronaut's router serves a route with an exposed
 * port on that port alone and keeps every other route off it, and the HTTP server opens a listener for it.
 */
@Singleton
class MetricsRoute extends DefaultRouteBuilder {
    MetricsRoute(ExecutionHandleLocator locator, ManagementPort port, MetricsEndpoint endpoint) {
        super(locator);
        GET("/metrics", endpoint, "scrape").exposedPort(port.port());
    }
}
