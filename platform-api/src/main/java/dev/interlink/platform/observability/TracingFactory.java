package dev.interlink.platform.observability;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.inject.Singleton;

/**
 * OpenTelemetry for platform-api. Without {@code interlink.tracing.otlp-endpoint} (the default) nothing is
 * recorded or exported: the API only carries a caller's W3C {@code traceparent} through to the providers and into
 * the logs, at the cost of parsing one header. With an endpoint (an OTLP/HTTP collector, e.g.
 * {@code http://otel-collector:4318}) spans are sampled by ratio (parent-based) and sent in batches.
 */
@Factory
public class TracingFactory {
    @Singleton
    @Bean(preDestroy = "close")
    Tracing tracing(
            @Value("${interlink.tracing.otlp-endpoint:}") String endpoint,
            @Value("${interlink.tracing.sample-ratio:1.0}") double ratio,
            @Value("${micronaut.application.name:platform-api}") String service) {
        ContextPropagators w3c = ContextPropagators.create(W3CTraceContextPropagator.getInstance());
        if (endpoint == null || endpoint.isBlank()) {
            return new Tracing(OpenTelemetry.propagating(w3c), false, () -> {});
        }
        String url = endpoint.endsWith("/v1/traces") ? endpoint : endpoint.replaceAll("/+$", "") + "/v1/traces";
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault()
                        .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service))))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(ratio)))
                .addSpanProcessor(BatchSpanProcessor.builder(
                                OtlpHttpSpanExporter.builder().setEndpoint(url).build())
                        .build())
                .build();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(provider)
                .setPropagators(w3c)
                .build();
        return new Tracing(sdk, true, sdk::close);
    }
}
