package dev.interlink.platform.provider.http;

import dev.interlink.platform.observability.Tracing;
import dev.interlink.platform.provider.ConnectorContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapSetter;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * One client span per attempt at a provider, and the W3C {@code traceparent} of the current trace on the call, so
 * that a trace crosses into the provider. Without a current trace (tracing off, no caller trace) it adds nothing.
 */
@Singleton
public class TraceStep implements SendStep {
    private static final TextMapSetter<Map<String, List<String>>> HEADERS =
            (carrier, key, value) -> carrier.put(key, List.of(value));

    private final Tracing tracing;

    public TraceStep(Tracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public RawResponse apply(ConnectorContext ctx, ProviderCall call, Next next) {
        if (!Span.current().getSpanContext().isValid()) {
            return next.send(call);
        }
        Span span = tracing.tracer()
                .spanBuilder(call.method() + " " + ctx.provider())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", call.method())
                .setAttribute("interlink.provider", ctx.provider())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            tracing.otel().getPropagators().getTextMapPropagator().inject(Context.current(), call.headers(), HEADERS);
            RawResponse response = next.send(call);
            span.setAttribute("http.response.status_code", (long) response.status());
            return response;
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    @Override
    public int order() {
        return PipelineOrder.TRACE;
    }
}
