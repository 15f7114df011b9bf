package dev.interlink.platform.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.catalog.ProviderDefinition;
import dev.interlink.platform.vault.Credentials;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves a credential set works with one cheap, read-only request from the catalog ({@code verification}),
 * before anything is stored. Outcomes: 2xx JSON = valid; 401/403 (and 404 = unknown account path, e.g. a
 * wrong Loxo agency slug) = 422 {@code INTEGRATION.CREDENTIALS_INVALID} with the provider's reason; 429 =
 * 429 {@code REMOTE.RATE_LIMIT_EXCEEDED}; 5xx, HTML or no connection = 502 {@code REMOTE.SERVICE_UNAVAILABLE};
 * timeout = 504 {@code REMOTE.TIMEOUT}. The provider's message is cut short and scrubbed of every
 * credential value; credentials are never logged.
 */
@Singleton
public class CredentialVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialVerifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REASON = 200;

    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

    /** What the verification cost: the provider's time in milliseconds (for the request log). */
    public record Outcome(long remoteMillis) {}

    public Outcome verify(ProviderDefinition provider, Credentials credentials) {
        String url;
        try {
            url = provider.baseUrl(credentials) + provider.verification().path();
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("/credentials", e.getMessage());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(provider.timeouts().read())
                .header("Accept", "application/json")
                .method(provider.verification().method(), HttpRequest.BodyPublishers.noBody());
        try {
            provider.authHeaders(credentials).forEach(request::header);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("/credentials", e.getMessage());
        }
        long start = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = client(provider.timeouts().connect())
                    .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            LOG.info("Verification of {} credentials timed out", provider.id());
            throw retryable(ErrorCode.REMOTE_TIMEOUT, provider.displayName() + " did not answer in time");
        } catch (IOException e) {
            LOG.info(
                    "Verification of {} credentials failed: {}",
                    provider.id(),
                    e.getClass().getSimpleName());
            throw retryable(ErrorCode.REMOTE_SERVICE_UNAVAILABLE, provider.displayName() + " could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw retryable(ErrorCode.REMOTE_SERVICE_UNAVAILABLE, provider.displayName() + " could not be reached");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        int status = response.statusCode();
        boolean json = response.headers()
                .firstValue("Content-Type")
                .map(t -> t.toLowerCase().contains("json"))
                .orElse(false);
        LOG.info("Verification of {} credentials: HTTP {} in {} ms", provider.id(), status, millis);
        if (status >= 200 && status < 300 && json) {
            return new Outcome(millis);
        }
        if (status == 401 || status == 403) {
            String reason = reason(response.body(), json, credentials);
            throw ApiProblem.of(
                            ErrorCode.INTEGRATION_CREDENTIALS_INVALID,
                            provider.displayName() + " rejected the credentials"
                                    + (reason == null ? "." : ": " + reason))
                    .with("retryable", false);
        }
        if (status == 404) {
            throw ApiProblem.of(
                            ErrorCode.INTEGRATION_CREDENTIALS_INVALID,
                            provider.displayName()
                                    + " does not know this account: check the account fields (e.g. the agency slug).")
                    .with("retryable", false);
        }
        if (status == 429) {
            ApiProblem p = retryable(
                    ErrorCode.REMOTE_RATE_LIMIT_EXCEEDED,
                    provider.displayName() + " is rate limiting this account; try again shortly");
            response.headers().firstValue("Retry-After").ifPresent(v -> {
                if (v.matches("\\d{1,6}")) {
                    p.header("Retry-After", v);
                }
            });
            throw p;
        }
        throw retryable(
                ErrorCode.REMOTE_SERVICE_UNAVAILABLE,
                provider.displayName() + " answered with an error (HTTP " + status + "); try again later");
    }

    private HttpClient client(Duration connectTimeout) {
        return clients.computeIfAbsent(connectTimeout, t -> HttpClient.newBuilder()
                .connectTimeout(t)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    private static ApiProblem retryable(ErrorCode code, String detail) {
        return ApiProblem.of(code, detail).with("retryable", true);
    }

    /** The provider's own message (JSON {@code message}/{@code error}/{@code errors[0]}), short and scrubbed. */
    static String reason(byte[] body, boolean json, Credentials credentials) {
        if (!json || body == null || body.length == 0 || body.length > 64_000) {
            return null;
        }
        String text;
        try {
            JsonNode node = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            JsonNode m = node.path("message");
            if (!m.isTextual()) {
                m = node.path("error");
            }
            if (!m.isTextual()) {
                m = node.path("errors").path(0);
            }
            if (!m.isTextual()) {
                return null;
            }
            text = m.asText();
        } catch (IOException e) {
            return null;
        }
        for (String name : credentials.names()) {
            String value = credentials.get(name);
            if (value.length() >= 4) {
                text = text.replace(value, "***");
            }
        }
        text = text.replaceAll("[\\p{Cntrl}]", " ").strip();
        return text.isEmpty() ? null : text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
    }
}
