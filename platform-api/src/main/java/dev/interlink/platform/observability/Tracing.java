package dev.interlink.platform.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;

/** The process's OpenTelemetry, whether spans are exported, and how to stop the exporter (flushes). */
public final class Tracing implements AutoCloseable {
    private final OpenTelemetry otel;
    private final boolean exporting;
    private final Runnable shutdown;

    Tracing(OpenTelemetry otel, boolean exporting, Runnable shutdown) {
        this.otel = otel;
        this.exporting = exporting;
        this.shutdown = shutdown;
    }

    public OpenTelemetry otel() {
        return otel;
    }

    public Tracer tracer() {
        return otel.getTracer("dev.interlink.platform");
    }

    public boolean exporting() {
        return exporting;
    }

    @Override
    public void close() {
        shutdown.run();
    }
}
