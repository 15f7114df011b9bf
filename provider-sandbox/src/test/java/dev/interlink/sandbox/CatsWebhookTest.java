package dev.interlink.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CatsWebhookTest extends CatsTestBase {

    record Delivery(byte[] body, String requestId, String signature) {}

    @Test
    void webhook_delivery_is_signed_with_hmac_sha256_over_body_plus_request_id() throws Exception {
        LinkedBlockingQueue<Delivery> got = new LinkedBlockingQueue<>();
        HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            got.add(new Delivery(
                    body,
                    ex.getRequestHeaders().getFirst("X-Request-Id"),
                    ex.getRequestHeaders().getFirst("X-Signature")));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        target.start();
        try {
            var a = newAccount(5);
            String url = "http://127.0.0.1:" + target.getAddress().getPort() + "/hook";
            var w = send(
                    a,
                    "POST",
                    "/webhooks",
                    Map.of("events", List.of("candidate.created"), "target_url", url, "secret", "s3cret"));
            assertEquals(201, w.status());
            long id = idFromLocation(send(a, "POST", "/candidates", Map.of("first_name", "Hook", "last_name", "Ed")));
            Delivery d = got.poll(10, TimeUnit.SECONDS);
            assertNotNull(d, "no delivery");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("s3cret".getBytes(), "HmacSHA256"));
            mac.update(d.body());
            mac.update(d.requestId().getBytes());
            assertEquals("HMAC-SHA256 " + HexFormat.of().formatHex(mac.doFinal()), d.signature());
            var payload = Http.JSON.readValue(d.body(), Map.class);
            assertEquals("candidate.created", payload.get("event"));
            assertEquals(id, ((Number) payload.get("candidate_id")).longValue());
            assertEquals("Hook", Http.at(payload, "_embedded", "candidate", "first_name"));
        } finally {
            target.stop(0);
        }
    }

    @Test
    void webhook_secret_is_not_returned_by_the_api() {
        var a = newAccount(5);
        long id = idFromLocation(send(
                a,
                "POST",
                "/webhooks",
                Map.of("events", List.of("candidate.created"), "target_url", "http://127.0.0.1:9/x", "secret", "s")));
        var w = get(a, "/webhooks/" + id).json();
        assertFalse(w.containsKey("secret"));
        assertEquals(204, send(a, "DELETE", "/webhooks/" + id, null).status());
    }
}
