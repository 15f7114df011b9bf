package dev.interlink.platform.provider.http;

import dev.interlink.platform.provider.ConnectorContext;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.routing.RoutingSupport;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The last step: Apache HttpClient's classic (blocking) client, so the request thread writes the call and reads the
 * answer itself, with no hand-off to a selector thread and back (docs/decisions/0074-blocking-provider-transport.md).
 * Pooled keep-alive connections, a connect timeout and a response timeout on every call (a provider that hangs never
 * hangs us), redirects never followed, no retries, cookies or decompression of its own (the retry step, the proxy and
 * the budget see exactly what was sent and answered). Transport failures become REMOTE.* problems.
 */
@Singleton
public class HttpTransport implements SendStep {
    /** Headers we never take from a caller and never let a connector override. */
    static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");

    /** Per provider host: far above what one account's budget allows in flight, low enough to bound sockets. */
    static final int MAX_CONNECTIONS_PER_HOST = 256;

    static final String USER_AGENT = "Interlink/1.0";

    private final Map<Duration, CloseableHttpClient> clients = new ConcurrentHashMap<>();

    @Override
    public RawResponse apply(ConnectorContext ctx, ProviderCall call, Next next) {
        CloseableHttpClient client = clients.computeIfAbsent(call.connectTimeout(), HttpTransport::client);
        HttpUriRequestBase request = new HttpUriRequestBase(call.method(), call.uri());
        request.setConfig(RequestConfig.custom()
                .setResponseTimeout(timeout(call.timeout()))
                .build());
        call.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.addHeader(name, v));
            }
        });
        if (call.body() != null) {
            request.setEntity(new ByteArrayEntity(call.body(), null));
        }
        ClassicHttpResponse response;
        try {
            response = client.executeOpen(RoutingSupport.determineHost(request), request, null);
        } catch (ConnectTimeoutException e) {
            throw ErrorMapping.unreachable(ctx.displayName(), "connect timeout");
        } catch (SocketTimeoutException e) {
            throw ErrorMapping.timeout(ctx.displayName());
        } catch (InterruptedIOException e) {
            if (Thread.interrupted()) Thread.currentThread().interrupt(); // keep the flag for the caller
            throw ErrorMapping.unreachable(ctx.displayName(), e.getClass().getSimpleName());
        } catch (IOException | HttpException e) {
            throw ErrorMapping.unreachable(ctx.displayName(), e.getClass().getSimpleName());
        }
        return new RawResponse(response.getCode(), headers(response), new Body(request, response));
    }

    private static CloseableHttpClient client(Duration connectTimeout) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(MAX_CONNECTIONS_PER_HOST)
                        .setMaxConnTotal(4 * MAX_CONNECTIONS_PER_HOST)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout(connectTimeout))
                                // a pooled connection idle this long is checked before use (the provider may have
                                // closed it)
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout(connectTimeout))
                        .build())
                .setUserAgent(USER_AGENT)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    private static Timeout timeout(Duration d) {
        return Timeout.ofMilliseconds(Math.max(1, d.toMillis()));
    }

    private static HttpHeaders headers(ClassicHttpResponse response) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header h : response.getHeaders()) {
            map.computeIfAbsent(h.getName(), k -> new ArrayList<>(1)).add(h.getValue());
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }

    @PreDestroy
    void close() {
        clients.values().forEach(c -> c.close(CloseMode.GRACEFUL));
    }

    @Override
    public int order() {
        return PipelineOrder.TRANSPORT;
    }

    /**
     * The response body. Read to its end, closing hands the connection back to the pool; closed early (a caller that
     * went away, an error page read in part), the connection is dropped instead of read to the end of a body nobody
     * wants.
     */
    static final class Body extends FilterInputStream {
        private final HttpUriRequestBase request;
        private final ClassicHttpResponse response;
        private boolean ended;

        Body(HttpUriRequestBase request, ClassicHttpResponse response) {
            super(content(response.getEntity()));
            this.request = request;
            this.response = response;
            this.ended = response.getEntity() == null || response.getEntity().getContentLength() == 0;
        }

        private static InputStream content(HttpEntity entity) {
            try {
                return entity == null ? InputStream.nullInputStream() : entity.getContent();
            } catch (IOException e) {
                return InputStream.nullInputStream();
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) ended = true;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0) ended = true;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!ended) request.cancel();
            try {
                super.close();
            } finally {
                response.close();
            }
        }
    }
}
