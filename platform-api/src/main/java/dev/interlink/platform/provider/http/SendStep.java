package dev.interlink.platform.provider.http;

import dev.interlink.platform.provider.ConnectorContext;

/**
 * One step of the {@link ProviderHttp#send} pipeline. A step may change the call, decide not to send it, retry
 * {@code next}, or inspect the response. Every step is a bean; {@link #order()} places it, and the order of all steps
 * is written down in one place, {@link PipelineOrder}. Adding a concern (a budget, a retry rule, a credential) is a
 * new step there, never a change in a connector.
 */
public interface SendStep {
    RawResponse apply(ConnectorContext ctx, ProviderCall call, Next next);

    /** Position in the pipeline, outermost first: one of the {@link PipelineOrder} constants. */
    int order();

    @FunctionalInterface
    interface Next {
        RawResponse send(ProviderCall call);
    }
}
