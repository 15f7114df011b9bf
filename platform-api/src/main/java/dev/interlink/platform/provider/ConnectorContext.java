package dev.interlink.platform.provider;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.interlink.platform.provider.http.ErrorMapping;
import dev.interlink.platform.provider.http.ProviderCall;
import dev.interlink.platform.provider.http.ProviderHttp;
import dev.interlink.platform.provider.http.RawResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Everything one call needs about one connected account (Keycloak's light per-call object): where the provider is,
 * the auth headers to inject, the timeouts, the shared {@link ProviderHttp}, and what to do when the provider rejects
 * the credentials. It also sums the provider time of the request. Built per request; connectors stay stateless.
 */
public final class ConnectorContext {
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

    private final UUID accountId;
    private final String provider;
    private final String baseUrl;
    private final Map<String, String> authHeaders;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final ProviderHttp http;
    private final Consumer<String> onAuthRejected;
    private final AtomicLong remoteNanos = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();

    public ConnectorContext(
            UUID accountId,
            String provider,
            String baseUrl,
            Map<String, String> authHeaders,
            Duration connectTimeout,
            Duration readTimeout,
            ProviderHttp http,
            Consumer<String> onAuthRejected) {
        this.accountId = accountId;
        this.provider = provider;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authHeaders = Map.copyOf(authHeaders);
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.http = http;
        this.onAuthRejected = onAuthRejected == null ? reason -> {} : onAuthRejected;
    }

    public UUID accountId() {
        return accountId;
    }

    public String provider() {
        return provider;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Map<String, String> authHeaders() {
        return authHeaders;
    }

    public void authRejected(String reason) {
        onAuthRejected.accept(reason);
    }

    public void addRemoteNanos(long nanos) {
        remoteNanos.addAndGet(nanos);
        calls.incrementAndGet();
    }

    public long remoteDurationMs() {
        return remoteNanos.get() / 1_000_000;
    }

    public long providerCalls() {
        return calls.get();
    }

    /** The base URL + {@code path} (which must start with '/') + the encoded {@code query}. */
    public URI uri(String path, Map<String, ?> query) {
        StringBuilder sb = new StringBuilder(baseUrl).append(path);
        char sep = '?';
        for (Map.Entry<String, ?> e : query.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            List<?> values = e.getValue() instanceof List<?> l ? l : List.of(e.getValue());
            for (Object v : values) {
                sb.append(sep)
                        .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
                sep = '&';
            }
        }
        return URI.create(sb.toString());
    }

    public ProviderCall call(String method, URI uri, Map<String, List<String>> extraHeaders, byte[] body, boolean raw) {
        Map<String, List<String>> headers = new LinkedHashMap<>(extraHeaders);
        authHeaders.forEach((k, v) -> headers.put(k, List.of(v)));
        return new ProviderCall(method, uri, headers, body, connectTimeout, readTimeout, raw);
    }

    /** GET a JSON document. A literal {@code null} body (Loxo) comes back as {@link NullNode}. */
    public JsonNode getJson(String path, Map<String, ?> query) {
        ProviderCall call = call("GET", uri(path, query), Map.of("Accept", List.of("application/json")), null, false);
        try (RawResponse response = http.send(this, call)) {
            String type = response.contentType().toLowerCase(Locale.ROOT);
            if (type.contains("html")) {
                throw ErrorMapping.unreadable(provider, response.status(), "an HTML page instead of JSON");
            }
            byte[] body = response.readAll();
            if (body.length == 0) {
                return NullNode.getInstance();
            }
            try {
                JsonNode node = JSON.readTree(body);
                return node == null ? NullNode.getInstance() : node;
            } catch (IOException e) {
                throw ErrorMapping.unreadable(provider, response.status(), "a body that is not JSON");
            }
        }
    }

    public JsonNode getJson(String path) {
        return getJson(path, Map.of());
    }

    /** A raw exchange whose body stays a stream (attachment content, the proxy). */
    public RawResponse stream(
            String method, URI uri, Map<String, List<String>> headers, byte[] body, boolean passthrough) {
        return http.send(this, call(method, uri, headers, body, passthrough));
    }
}
