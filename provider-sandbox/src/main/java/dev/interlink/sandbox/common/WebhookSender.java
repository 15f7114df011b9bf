package dev.interlink.sandbox.common;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Delivers webhooks asynchronously on one daemon thread (deliveries are rare; ordering is kept). */
public final class WebhookSender implements AutoCloseable {
    private final ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** POSTs {@code body}; headers given are added; {@code onStatus} receives the target's status (or -1). */
    public void send(String url, byte[] body, Map<String, String> headers, IntConsumer onStatus) {
        exec.execute(() -> {
            int status;
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                headers.forEach(b::header);
                status = client.send(b.build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (Exception e) {
                status = -1;
            }
            if (onStatus != null) onStatus.accept(status);
        });
    }

    /** CATS: hex(HMAC_SHA256(key=secret, msg=rawBody + X-Request-Id)) (docs/providers/cats.md §4.8). */
    public static String hmacHex(String secret, byte[] body, String requestId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(body);
            mac.update(requestId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        exec.shutdownNow();
    }
}
