package dev.interlink.platform.provider.http;

import dev.interlink.platform.provider.ConnectorContext;
import jakarta.inject.Singleton;

/** Provider time, summed over all calls of this request (X-Remote-Duration-Ms). */
@Singleton
public class TimingStep implements SendStep {
    @Override
    public RawResponse apply(ConnectorContext ctx, ProviderCall call, Next next) {
        long start = System.nanoTime();
        try {
            return next.send(call);
        } finally {
            ctx.addRemoteNanos(System.nanoTime() - start);
        }
    }

    @Override
    public int order() {
        return PipelineOrder.TIMING;
    }
}
