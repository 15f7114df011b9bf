package dev.interlink.platform.provider.http;

import dev.interlink.platform.provider.ConnectorContext;
import jakarta.inject.Singleton;

/**
 * Provider errors become problems by {@link ErrorMapping}'s table, with the provider's body cut short and stripped of
 * the account's secrets. The proxy ({@link ProviderCall#passthrough()}) gets the provider's answer as it is.
 */
@Singleton
public class ClassifyStep implements SendStep {
    @Override
    public RawResponse apply(ConnectorContext ctx, ProviderCall call, Next next) {
        RawResponse response = next.send(call);
        if (response.status() < 400 || call.passthrough()) {
            return response;
        }
        byte[] prefix = response.readPrefix(ErrorMapping.MAX_BODY * 2);
        throw ErrorMapping.problem(
                ctx.displayName(),
                response.status(),
                response.headers(),
                prefix,
                ctx.auth().secrets());
    }

    @Override
    public int order() {
        return PipelineOrder.CLASSIFY;
    }
}
