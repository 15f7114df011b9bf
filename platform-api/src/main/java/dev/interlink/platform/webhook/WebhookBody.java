package dev.interlink.platform.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The body of a webhook: {@code {"type", "timestamp", "data"}}. Built from the stored event (type, created_at and
 * the payload as PostgreSQL prints the jsonb), so it is byte-identical on every attempt, retry and replay.
 */
final class WebhookBody {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private WebhookBody() {}

    static byte[] of(String type, Instant createdAt, String payloadJson) {
        try {
            String text = "{\"type\":" + PLAIN.writeValueAsString(type) + ",\"timestamp\":"
                    + PLAIN.writeValueAsString(createdAt.toString()) + ",\"data\":" + payloadJson + "}";
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
