package dev.interlink.platform.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.provider.catalog.OAuth2Settings;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The provider's token endpoint (RFC 6749 §4.1.3 and §6): form-encoded, client credentials in the body, a hard
 * timeout shorter than the refresh lease, redirects never followed. It answers what happened; it changes nothing.
 */
@Singleton
public class TokenEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the token call came to. */
    public sealed interface Outcome {}

    /** A new pair; {@code refreshToken} null when the provider does not rotate (keep the old one). */
    public record Issued(TokenSet tokens) implements Outcome {}

    /** The grant is dead ({@code invalid_grant}: expired, revoked, reused): only a new consent helps. */
    public record Rejected(String error) implements Outcome {}

    /** 429, 5xx, a timeout, no connection: try again later; nothing about the account changed. */
    public record Unavailable(String why, Duration retryAfter) implements Outcome {}

    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    public TokenEndpoint(@Value("${interlink.oauth.token-timeout:5s}") Duration timeout, Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public Duration timeout() {
        return timeout;
    }

    public Outcome refresh(OAuth2Settings server, OAuthClient client, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return post(server, client, form);
    }

    public Outcome exchangeCode(
            OAuth2Settings server, OAuthClient client, String code, String redirectUri, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        if (verifier != null) form.put("code_verifier", verifier);
        return post(server, client, form);
    }

    private Outcome post(OAuth2Settings server, OAuthClient client, Map<String, String> form) {
        form.put("client_id", client.clientId());
        form.put("client_secret", client.clientSecret());
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.tokenUrl()))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        Instant sent = clock.instant();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return new Unavailable("the token endpoint could not be reached or did not answer in time", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unavailable("interrupted", null);
        }
        JsonNode json = parse(response.body());
        int status = response.statusCode();
        if (status == 200 && json.path("access_token").isTextual()) {
            long expiresIn = json.path("expires_in").asLong(3600);
            return new Issued(new TokenSet(
                    json.path("access_token").asText(),
                    json.path("refresh_token").isTextual()
                            ? json.path("refresh_token").asText()
                            : null,
                    sent.plusSeconds(expiresIn)));
        }
        String error = json.path("error").asText("");
        if (status >= 400 && status < 500 && error.equals("invalid_grant")) {
            return new Rejected(error);
        }
        return new Unavailable("the token endpoint answered " + status, retryAfter(response));
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Retry-After")
                .filter(v -> v.matches("\\d{1,5}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v)))
                .orElse(null);
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
