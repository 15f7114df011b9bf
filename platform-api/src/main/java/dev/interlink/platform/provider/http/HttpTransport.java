package dev.interlink.platform.provider.http;

import dev.interlink.platform.provider.ConnectorContext;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last step: {@link java.net.http.HttpClient} with a connect timeout and a response timeout on every call (a
 * provider that hangs never hangs us), redirects never followed. Transport failures become REMOTE.* problems.
 */
@Singleton
public class HttpTransport implements SendStep {
    /** Headers we never take from a caller and never let a connector override. */
    static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");

    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

    @Override
    public RawResponse apply(ConnectorContext ctx, ProviderCall call, Next next) {
        HttpClient client = clients.computeIfAbsent(call.connectTimeout(), t -> HttpClient.newBuilder()
                .connectTimeout(t)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build());
        HttpRequest.Builder request = HttpRequest.newBuilder(call.uri()).timeout(call.timeout());
        call.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpRequest.BodyPublisher body = call.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(call.body());
        try {
            HttpResponse<InputStream> response =
                    client.send(request.method(call.method(), body).build(), HttpResponse.BodyHandlers.ofInputStream());
            return new RawResponse(response.statusCode(), response.headers(), response.body());
        } catch (HttpConnectTimeoutException e) {
            throw ErrorMapping.unreachable(ctx.displayName(), "connect timeout");
        } catch (HttpTimeoutException e) {
            throw ErrorMapping.timeout(ctx.displayName());
        } catch (IOException e) {
            throw ErrorMapping.unreachable(ctx.displayName(), e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ErrorMapping.unreachable(ctx.displayName(), "interrupted");
        }
    }

    @Override
    public int order() {
        return PipelineOrder.TRANSPORT;
    }
}
