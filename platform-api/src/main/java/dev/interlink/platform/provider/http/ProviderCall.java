package dev.interlink.platform.provider.http;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request to a provider, already resolved against the account's base URL, with the account's auth headers in
 * {@code headers}. {@code body} may be null. With {@code passthrough} (the proxy) a provider error status is
 * returned as-is instead of becoming a problem; transport failures and re-auth bookkeeping still apply.
 */
public record ProviderCall(
        String method,
        URI uri,
        Map<String, List<String>> headers,
        byte[] body,
        Duration connectTimeout,
        Duration timeout,
        boolean passthrough) {

    public ProviderCall {
        headers = new LinkedHashMap<>(headers);
    }
}
