package dev.interlink.link.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PlatformLinkClient} on {@link HttpClient}. Logs method, path, status and problem code only: never
 * the token, never a body (the POST body holds credentials).
 */
public final class HttpPlatformLinkClient implements PlatformLinkClient {
    private static final Logger LOG = LoggerFactory.getLogger(HttpPlatformLinkClient.class);
    /** Opaque tokens are URL-safe; anything else is rejected before it reaches a header. */
    private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9._~\\-]{1,512}");

    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new JavaTimeModule())
            .build();

    private final URI baseUri;
    private final HttpClient http;
    private final Duration sessionTimeout;
    private final Duration submitTimeout;

    public HttpPlatformLinkClient(
            URI baseUri, Duration connectTimeout, Duration sessionTimeout, Duration submitTimeout) {
        String base = baseUri.toString();
        this.baseUri = URI.create(base.endsWith("/") ? base : base + "/");
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.sessionTimeout = sessionTimeout;
        this.submitTimeout = submitTimeout;
    }

    /** Reads {@code INTERLINK_API_URL} (default {@code http://127.0.0.1:8080}). */
    public static HttpPlatformLinkClient fromEnvironment() {
        String url = System.getenv("INTERLINK_API_URL");
        if (url == null || url.isBlank()) {
            url = "http://127.0.0.1:8080";
        }
        // Checking credentials means one call to the provider (platform-api retries it), hence the longer timeout.
        return new HttpPlatformLinkClient(
                URI.create(url.trim()), Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(45));
    }

    public URI baseUri() {
        return baseUri;
    }

    @Override
    public LinkSession fetchSession(String linkToken) {
        HttpRequest request =
                request("link-session", linkToken, sessionTimeout).GET().build();
        return send(request, LinkSession.class);
    }

    @Override
    public CreatedAccount createAccount(String linkToken, String provider, Map<String, String> credentials) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("provider", provider);
        body.put("credentials", credentials);
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw PlatformProblemException.unexpected(0);
        }
        try {
            HttpRequest request = request("link-session/accounts", linkToken, submitTimeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                    .build();
            return send(request, CreatedAccount.class);
        } finally {
            Arrays.fill(json, (byte) 0); // best effort: do not leave the serialized secret lying around
            body.clear();
        }
    }

    private HttpRequest.Builder request(String path, String linkToken, Duration timeout) {
        if (linkToken == null || !TOKEN_SHAPE.matcher(linkToken).matches()) {
            throw new PlatformProblemException(
                    new Problem(null, "Invalid link token", 401, null, ProblemCode.TOKEN_INVALID, null, null, false));
        }
        return HttpRequest.newBuilder(baseUri.resolve(path))
                .timeout(timeout)
                .header("Accept", "application/json, application/problem+json")
                .header("X-Link-Token", linkToken);
    }

    private <T> T send(HttpRequest request, Class<T> type) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            LOG.warn(
                    "{} {} failed: {}",
                    request.method(),
                    request.uri().getPath(),
                    e.getClass().getSimpleName());
            throw PlatformProblemException.unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PlatformProblemException.unreachable(e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                return JSON.readValue(response.body(), type);
            } catch (IOException e) {
                LOG.warn(
                        "{} {} -> {}: unreadable body",
                        request.method(),
                        request.uri().getPath(),
                        status);
                throw PlatformProblemException.unexpected(status);
            }
        }
        Problem problem = readProblem(response.body(), status);
        LOG.info(
                "{} {} -> {} {} request_id={}",
                request.method(),
                request.uri().getPath(),
                status,
                problem.code(),
                problem.requestId());
        throw new PlatformProblemException(problem);
    }

    private static Problem readProblem(byte[] body, int status) {
        try {
            Problem problem = JSON.readValue(body, Problem.class);
            if (problem.code() != null) {
                return problem.status() == 0
                        ? new Problem(
                                problem.type(),
                                problem.title(),
                                status,
                                problem.detail(),
                                problem.code(),
                                problem.requestId(),
                                problem.errors(),
                                problem.retryable())
                        : problem;
            }
        } catch (IOException | RuntimeException e) {
            // fall through: not a problem document (e.g. a proxy's HTML error page)
        }
        boolean outage = status == 502 || status == 503 || status == 504;
        return new Problem(
                null,
                null,
                status,
                null,
                outage ? ProblemCode.REMOTE_UNAVAILABLE : ProblemCode.UNEXPECTED,
                null,
                null,
                outage);
    }
}
