package dev.interlink.admin.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Prometheus text at {@code GET /metrics} on a port of its own ({@code INTERLINK_ADMIN_UI_MANAGEMENT_PORT}), never
 * on the public port of the admin UI, like platform-api's management port (docs/observability.md).
 * JVM and process series only: nothing here knows a tenant, an admin or a session, so no label can carry one.
 */
public final class ManagementServer implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpServer server;

    private ManagementServer(HttpServer server) {
        this.server = server;
    }

    /** Binds {@code host:port} (0: any free port) and serves until {@link #close()}. */
    public static ManagementServer start(String host, int port) throws IOException {
        ManagementServer m = new ManagementServer(HttpServer.create(new InetSocketAddress(host, port), 0));
        new ClassLoaderMetrics().bindTo(m.registry);
        new JvmMemoryMetrics().bindTo(m.registry);
        new JvmGcMetrics().bindTo(m.registry);
        new JvmThreadMetrics().bindTo(m.registry);
        new ProcessorMetrics().bindTo(m.registry);
        new UptimeMetrics().bindTo(m.registry);
        m.server.createContext("/", m::handle);
        m.server.start();
        return m;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean metrics = "/metrics".equals(exchange.getRequestURI().getPath());
            if (!metrics || !"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(metrics ? 405 : 404, -1);
                return;
            }
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        registry.close();
    }
}
