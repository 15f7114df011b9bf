package dev.interlink.platform.provider.http;

import dev.interlink.platform.provider.ConnectorContext;

/**
 * One step of the {@link ProviderHttp#send} pipeline. A step may change the call, decide not to send it, retry
 * {@code next}, or inspect the response. Per-account rate budgets and retries are steps: adding one is a change in
 * exactly one place ({@link ProviderHttp}'s step list), never in a connector.
 */
@FunctionalInterface
public interface SendStep {
    RawResponse apply(ConnectorContext ctx, ProviderCall call, Next next);

    @FunctionalInterface
    interface Next {
        RawResponse send(ProviderCall call);
    }
}
