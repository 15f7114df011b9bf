package dev.interlink.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A plain HTTP client for tests: real requests to the running server, any status returned (no exceptions
 * on 4xx), JSON bodies parsed.
 */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public Api(URI base) {
        this.base = base;
    }

    public record Response(int status, java.net.http.HttpHeaders headers, String text) {
        public JsonNode json() {
            try {
                return text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The problem {@code code}, for asserting errors. */
        public String code() {
            return json().path("code").asText(null);
        }
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, token, null, Map.of());
    }

    public Response post(String path, String token, Object body) {
        return send("POST", path, token, body, Map.of());
    }

    public Response patch(String path, String token, Object body) {
        return send("PATCH", path, token, body, Map.of());
    }

    public Response put(String path, String token, Object body) {
        return send("PUT", path, token, body, Map.of());
    }

    /** {@code body} is sent as JSON unless it is a String (sent as-is, form-encoded if headers say so). */
    public Response send(String method, String path, String token, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
            if (body instanceof String s) {
                publisher = HttpRequest.BodyPublishers.ofString(s);
                if (!headers.containsKey("Content-Type")) {
                    request.header("Content-Type", "application/json");
                }
            } else if (body != null) {
                publisher = HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response =
                    http.send(request.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
    }

    /** client_credentials with client_secret_post; returns the raw response. */
    public Response token(String clientId, String secret, String scope) {
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret)
                + (scope == null ? "" : "&scope=" + enc(scope));
        return send("POST", "/oauth/token", null, form, Map.of("Content-Type", "application/x-www-form-urlencoded"));
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
