package dev.interlink.platform.provider.http;

import dev.interlink.platform.observability.InterlinkMetrics;
import dev.interlink.platform.provider.ConnectorContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;

/**
 * The one outbound pipeline every provider call goes through (unified reads and writes, the proxy, credential
 * verification, the admin's connection test). It is the ordered list of every {@link SendStep} bean, sorted by
 * {@link SendStep#order()} as {@link PipelineOrder} lays out; the last step is the transport. This class knows no
 * step by name, so packages such as {@code ratelimit} plug in without this one depending on them.
 */
@Singleton
public class ProviderHttp {
    private final List<SendStep> steps;

    @Inject
    public ProviderHttp(List<SendStep> steps) {
        this.steps =
                steps.stream().sorted(Comparator.comparingInt(SendStep::order)).toList();
        if (this.steps.isEmpty() || this.steps.get(this.steps.size() - 1).order() != PipelineOrder.TRANSPORT) {
            throw new IllegalStateException("the provider pipeline needs a transport as its last step");
        }
    }

    /** Classification, auth, timing and the transport, without budgets or retries: connectors tested alone. */
    public static ProviderHttp bare() {
        return new ProviderHttp(List.of(
                new ClassifyStep(), new AuthStep(), new TimingStep(InterlinkMetrics.detached()), new HttpTransport()));
    }

    /** Sends {@code call} through the pipeline. The response body is a stream: close it. */
    public RawResponse send(ConnectorContext ctx, ProviderCall call) {
        return run(ctx, call, 0);
    }

    private RawResponse run(ConnectorContext ctx, ProviderCall call, int index) {
        return steps.get(index).apply(ctx, call, next -> run(ctx, next, index + 1));
    }

    /** The step classes in order (for the architecture test and the docs). */
    public List<Class<?>> stepTypes() {
        return steps.stream().<Class<?>>map(SendStep::getClass).toList();
    }
}
