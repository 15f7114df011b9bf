package dev.interlink.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Minimal java.net.http helper for the tests. */
final class Http {
    static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    record Res(int status, java.net.http.HttpHeaders headers, byte[] bytes) {
        String body() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            try {
                return JSON.readValue(bytes, Map.class);
            } catch (Exception e) {
                throw new AssertionError("not a JSON object: " + body(), e);
            }
        }

        Object any() {
            try {
                return JSON.readValue(bytes, Object.class);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body(), e);
            }
        }
    }

    static Res send(String method, String url, byte[] body, String... headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
            for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
            b.method(
                    method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Res(r.statusCode(), r.headers(), r.body());
        } catch (Exception e) {
            throw new AssertionError(method + " " + url + " failed: " + e, e);
        }
    }

    static byte[] json(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object root, Object... path) {
        Object cur = root;
        for (Object p : path) {
            if (p instanceof Integer i) cur = ((List<Object>) cur).get(i);
            else cur = ((Map<String, Object>) cur).get(p);
        }
        return (T) cur;
    }

    private Http() {}
}
