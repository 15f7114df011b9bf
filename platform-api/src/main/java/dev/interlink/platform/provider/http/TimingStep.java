package dev.interlink.platform.provider.http;

import dev.interlink.platform.observability.InterlinkMetrics;
import dev.interlink.platform.provider.ConnectorContext;
import jakarta.inject.Singleton;

/** Provider time, summed over all calls of this request (X-Remote-Duration-Ms). */
@Singleton
public class TimingStep implements SendStep {
    private final InterlinkMetrics metrics;

    public TimingStep(InterlinkMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public RawResponse apply(ConnectorContext ctx, ProviderCall call, Next next) {
        long start = System.nanoTime();
        Integer status = null;
        try {
            RawResponse response = next.send(call);
            status = response.status();
            return response;
        } finally {
            long nanos = System.nanoTime() - start;
            ctx.addRemoteNanos(nanos);
            metrics.providerCall(ctx.provider(), status, nanos);
        }
    }

    @Override
    public int order() {
        return PipelineOrder.TIMING;
    }
}
