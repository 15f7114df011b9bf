package dev.interlink.platform.observability;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Accepts a W3C {@code traceparent}, opens the server span of this request (exported only when tracing is on),
 * makes it current for the request's threads and puts its {@code trace_id} into the MDC next to
 * {@code request_id}. Without an inbound trace and with tracing off the span is invalid and nothing is added.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class TracingFilter implements HttpServerFilter {
    public static final String MDC_KEY = "trace_id";

    private static final TextMapGetter<HttpRequest<?>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpRequest<?> carrier) {
            return carrier.getHeaders().names();
        }

        @Override
        public String get(HttpRequest<?> carrier, String key) {
            return carrier == null ? null : carrier.getHeaders().get(key);
        }
    };

    private final Tracing tracing;

    public TracingFilter(Tracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // inside the request id filter, whose MDC entry we extend
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        Context parent =
                tracing.otel().getPropagators().getTextMapPropagator().extract(Context.root(), request, HEADERS);
        Span span = tracing.tracer()
                .spanBuilder(request.getMethodName())
                .setSpanKind(SpanKind.SERVER)
                .setParent(parent)
                .setAttribute("http.request.method", request.getMethodName())
                .startSpan();
        if (!span.getSpanContext().isValid()) {
            return chain.proceed(request); // tracing off and no caller trace: nothing to carry
        }
        PropagatedContext ctx = PropagatedContext.getOrEmpty().plus(new OtelContextElement(parent.with(span)));
        ctx = withTraceIdInMdc(ctx, span.getSpanContext().getTraceId());
        try (PropagatedContext.Scope ignored = ctx.propagate()) {
            return Publishers.map(chain.proceed(request), response -> {
                // the route is known only now; the span's name is the template, never the raw path
                span.updateName(request.getMethodName() + " " + HttpMetricsFilter.route(request));
                span.setAttribute(AttributeKey.longKey("http.response.status_code"), (long) response.code());
                if (response.code() >= 500) span.setStatus(StatusCode.ERROR);
                span.end();
                return response;
            });
        }
    }

    private static PropagatedContext withTraceIdInMdc(PropagatedContext ctx, String traceId) {
        MdcPropagationContext old = ctx.find(MdcPropagationContext.class).orElse(null);
        Map<String, String> mdc = new HashMap<>(old == null ? Map.of() : old.state());
        mdc.put(MDC_KEY, traceId);
        MdcPropagationContext next = new MdcPropagationContext(mdc);
        return old == null ? ctx.plus(next) : ctx.replace(old, next);
    }
}
