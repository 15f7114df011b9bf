package dev.interlink.platform.provider.http;

import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.ratelimit.RateBudgetStep;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP machinery every connector shares, on {@link java.net.http.HttpClient}. Every call has a connect timeout and
 * a response timeout (a provider that hangs never hangs us). A call runs through a pipeline of {@link SendStep}s:
 * timing (summed into the context), error classification ({@link ErrorMapping}), then the transport. Rate budgets and
 * retries are later steps in {@link #steps}, and nowhere else.
 */
@Singleton
public class ProviderHttp {
    /** Headers we never take from a caller and never let a connector override. */
    static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");

    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();
    private final List<SendStep> steps;

    /** Without rate budgets or retries: for tests that exercise connectors alone. */
    public ProviderHttp() {
        this.steps = List.of(ProviderHttp::timing, ProviderHttp::classify);
    }

    /**
     * The production pipeline. Order matters: retries see the provider's raw status before it is classified, every
     * attempt takes its own slot from the account's rate budget, and only the provider's own time is timed.
     */
    @Inject
    public ProviderHttp(RetryStep retry, RateBudgetStep rateBudget) {
        this.steps = List.of(ProviderHttp::classify, retry, rateBudget, ProviderHttp::timing);
    }

    /** Sends {@code call} through the pipeline. The response body is a stream: close it. */
    public RawResponse send(ConnectorContext ctx, ProviderCall call) {
        return run(ctx, call, 0);
    }

    private RawResponse run(ConnectorContext ctx, ProviderCall call, int index) {
        if (index == steps.size()) {
            return transport(ctx, call);
        }
        return steps.get(index).apply(ctx, call, next -> run(ctx, next, index + 1));
    }

    /** Step: provider time, summed over all calls of this request (X-Remote-Duration-Ms). */
    static RawResponse timing(ConnectorContext ctx, ProviderCall call, SendStep.Next next) {
        long start = System.nanoTime();
        try {
            return next.send(call);
        } finally {
            ctx.addRemoteNanos(System.nanoTime() - start);
        }
    }

    /** Step: provider errors become problems (or, for the proxy, pass through after the re-auth bookkeeping). */
    static RawResponse classify(ConnectorContext ctx, ProviderCall call, SendStep.Next next) {
        RawResponse response = next.send(call);
        if (response.status() < 400) {
            return response;
        }
        ErrorMapping.Resolution resolution = ErrorMapping.resolve(response.status());
        if (resolution.action() == ErrorMapping.Action.MARK_NEEDS_REAUTH) {
            ctx.authRejected(ctx.provider() + " answered " + response.status());
        }
        if (call.passthrough()) {
            return response;
        }
        byte[] prefix = response.readPrefix(ErrorMapping.MAX_BODY * 2);
        throw ErrorMapping.problem(
                ctx.provider(),
                response.status(),
                response.headers(),
                prefix,
                ctx.authHeaders().values());
    }

    RawResponse transport(ConnectorContext ctx, ProviderCall call) {
        HttpClient client = clients.computeIfAbsent(call.connectTimeout(), t -> HttpClient.newBuilder()
                .connectTimeout(t)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build());
        HttpRequest.Builder request = HttpRequest.newBuilder(call.uri()).timeout(call.timeout());
        call.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
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
            throw ErrorMapping.unreachable(ctx.provider(), "connect timeout");
        } catch (HttpTimeoutException e) {
            throw ErrorMapping.timeout(ctx.provider());
        } catch (IOException e) {
            throw ErrorMapping.unreachable(ctx.provider(), e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ErrorMapping.unreachable(ctx.provider(), "interrupted");
        } catch (ApiProblem e) {
            throw e;
        }
    }
}
