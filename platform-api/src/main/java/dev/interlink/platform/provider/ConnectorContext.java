package dev.interlink.platform.provider;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.interlink.platform.provider.auth.AccountAuth;
import dev.interlink.platform.provider.catalog.ProviderDefinition;
import dev.interlink.platform.provider.catalog.Timeouts;
import dev.interlink.platform.provider.http.ErrorMapping;
import dev.interlink.platform.provider.http.ProviderCall;
import dev.interlink.platform.provider.http.ProviderHttp;
import dev.interlink.platform.provider.http.RawResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything one call needs about one connected account (Keycloak's light per-call object): which tenant and account,
 * where the provider is, the account's {@link AccountAuth} (the auth seam: headers per attempt, what a rejection
 * means), the timeouts and the shared {@link ProviderHttp}. It also sums the provider time of the request. Built per
 * request; connectors stay stateless.
 */
public final class ConnectorContext {
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

    /**
     * Where the calls go and on whose behalf. {@code tenantId} is null while a credential set is verified;
     * {@code accountId} is then the stored account or the id a new one will get, so verification spends that
     * account's budget too. {@code displayName} is the catalog's, used in every message about the provider.
     */
    public record Target(
            UUID tenantId,
            UUID accountId,
            String provider,
            String displayName,
            String baseUrl,
            Duration connectTimeout,
            Duration readTimeout) {
        static final Duration DEFAULT_CONNECT = Duration.ofSeconds(5);
        static final Duration DEFAULT_READ = Duration.ofSeconds(30);

        public Target {
            baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
            connectTimeout = connectTimeout == null ? DEFAULT_CONNECT : connectTimeout;
            readTimeout = readTimeout == null ? DEFAULT_READ : readTimeout;
        }

        /** The target for one account of {@code provider} (timeouts from the catalog). */
        public static Target of(ProviderDefinition provider, UUID tenantId, UUID accountId, String baseUrl) {
            Timeouts t = provider.timeouts();
            return new Target(
                    tenantId,
                    accountId,
                    provider.id(),
                    provider.displayName(),
                    baseUrl,
                    t == null ? null : t.connect(),
                    t == null ? null : t.read());
        }
    }

    private final Target target;
    private final AccountAuth auth;
    private final ProviderHttp http;
    private final AtomicLong remoteNanos = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private volatile boolean remoteDataWanted = true;

    public ConnectorContext(Target target, AccountAuth auth, ProviderHttp http) {
        this.target = target;
        this.auth = auth;
        this.http = http;
    }

    public UUID tenantId() {
        return target.tenantId();
    }

    public UUID accountId() {
        return target.accountId();
    }

    /** The catalog id of the provider. */
    public String provider() {
        return target.provider();
    }

    public String displayName() {
        return target.displayName();
    }

    public String baseUrl() {
        return target.baseUrl();
    }

    public AccountAuth auth() {
        return auth;
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

    /**
     * Nobody will read this request's records as {@code remote_data} (the caller did not ask for it, or an import or
     * poll keeps only unified fields): JSON read from here on may leave out what no mapper reads, see
     * {@link HalLinks}.
     */
    public void withoutRemoteData() {
        remoteDataWanted = false;
    }

    /** The base URL + {@code path} (which must start with '/') + the encoded {@code query}. */
    public URI uri(String path, Map<String, ?> query) {
        StringBuilder sb = new StringBuilder(target.baseUrl()).append(path);
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

    /** A call without credentials: the pipeline's auth step adds them to every attempt. */
    public ProviderCall call(String method, URI uri, Map<String, List<String>> headers, byte[] body, boolean raw) {
        return new ProviderCall(method, uri, headers, body, target.connectTimeout(), target.readTimeout(), raw);
    }

    /** GET a JSON document. A literal {@code null} body (Loxo) comes back as {@link NullNode}. */
    public JsonNode getJson(String path, Map<String, ?> query) {
        ProviderCall call = call("GET", uri(path, query), Map.of("Accept", List.of("application/json")), null, false);
        try (RawResponse response = http.send(this, call)) {
            String type = response.contentType().toLowerCase(Locale.ROOT);
            if (type.contains("html")) {
                throw ErrorMapping.unreadable(target.displayName(), response.status(), "an HTML page instead of JSON");
            }
            byte[] body = response.readAll();
            if (body.length == 0) {
                return NullNode.getInstance();
            }
            try {
                JsonNode node = remoteDataWanted ? JSON.readTree(body) : HalLinks.readTreeWithout(JSON, body);
                return node == null ? NullNode.getInstance() : node;
            } catch (IOException e) {
                throw ErrorMapping.unreadable(target.displayName(), response.status(), "a body that is not JSON");
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
