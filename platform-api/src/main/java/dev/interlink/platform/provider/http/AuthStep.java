package dev.interlink.platform.provider.http;

import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.auth.AccountAuth;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Puts the account's credentials on every attempt and hands a rejection (a status the {@link ErrorMapping} table
 * marks as re-authorization) to the account's {@link AccountAuth}. When the seam says a retry can help (a refreshed
 * OAuth token) the call is sent once more with the new headers; a second rejection stands.
 */
@Singleton
public class AuthStep implements SendStep {
    @Override
    public RawResponse apply(ConnectorContext ctx, ProviderCall call, Next next) {
        AccountAuth auth = ctx.auth();
        RawResponse response = next.send(withHeaders(call, auth.headers()));
        if (!rejected(response.status())) {
            return response;
        }
        String reason = ctx.displayName() + " answered " + response.status();
        if (!auth.rejected(response.status(), reason)) {
            return response;
        }
        response.close();
        RawResponse again = next.send(withHeaders(call, auth.headers()));
        if (rejected(again.status())) {
            auth.rejected(again.status(), reason + " after a refresh");
        }
        return again;
    }

    static boolean rejected(int status) {
        return ErrorMapping.resolve(status).action() == ErrorMapping.Action.MARK_NEEDS_REAUTH;
    }

    static ProviderCall withHeaders(ProviderCall call, Map<String, String> auth) {
        ProviderCall out = new ProviderCall(
                call.method(),
                call.uri(),
                call.headers(),
                call.body(),
                call.connectTimeout(),
                call.timeout(),
                call.passthrough());
        auth.forEach((name, value) -> out.headers().put(name, List.of(value)));
        return out;
    }

    @Override
    public int order() {
        return PipelineOrder.AUTH;
    }
}
