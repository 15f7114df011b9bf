package dev.interlink.platform.provider.cats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.common.Ids;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.changesource.ChangeHint;
import dev.interlink.platform.provider.changesource.ProviderWebhook;
import dev.interlink.platform.provider.http.RawResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CATS webhooks (docs/providers/cats.md): {@code POST /webhooks {events, target_url, secret}} answers 201 with the id
 * in {@code Location}; every delivery carries {@code X-Request-Id} and
 * {@code X-Signature: HMAC-SHA256 hex(hmac(secret, body + X-Request-Id))}. The secret is ours, made here. The payload
 * only names the record ({@code event}, {@code <resource>_id}, {@code date}).
 */
@Singleton
public class CatsWebhook implements ProviderWebhook {
    /** What the engine turns into events: pipelines (applications), candidates, jobs. Deletions are not events. */
    static final List<String> EVENTS = List.of(
            "pipeline.created",
            "pipeline.status_changed",
            "candidate.created",
            "candidate.updated",
            "job.created",
            "job.updated",
            "job.status_changed");

    private static final Map<String, List<String>> JSON_HEADERS =
            Map.of("Content-Type", List.of("application/json"), "Accept", List.of("application/json"));
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public String provider() {
        return CatsConnector.ID;
    }

    @Override
    public Registration register(ConnectorContext ctx, String targetUrl) {
        String secret = Ids.random("", 32);
        byte[] body;
        try {
            body = json.writeValueAsBytes(Map.of("events", EVENTS, "target_url", targetUrl, "secret", secret));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try (RawResponse r = ctx.stream("POST", ctx.uri("/webhooks", Map.of()), JSON_HEADERS, body, false)) {
            return new Registration(lastSegment(r.header("Location")), secret);
        }
    }

    @Override
    public void unregister(ConnectorContext ctx, String remoteId) {
        if (remoteId == null) return;
        try (RawResponse ignored = ctx.stream(
                "DELETE", ctx.uri("/webhooks/" + remoteId, Map.of()), Map.of("Accept", List.of("*/*")), null, false)) {
            // answered: removed
        }
    }

    @Override
    public Optional<Inbound> verify(InboundRequest request, String secret, Instant now) {
        String requestId = request.header().apply("X-Request-Id");
        String signature = request.header().apply("X-Signature");
        byte[] expected = ("HMAC-SHA256 " + signature(secret, request.body(), requestId == null ? "" : requestId))
                .getBytes(StandardCharsets.UTF_8);
        byte[] given = signature == null ? new byte[0] : signature.trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given) || requestId == null || requestId.isBlank()) {
            return Optional.empty();
        }
        JsonNode payload;
        try {
            payload = json.readTree(request.body());
        } catch (IOException e) {
            payload = null;
        }
        ChangeHint hint = payload == null
                ? null
                : CatsEvents.hint(payload, date(payload.path("date").asText(null)));
        return Optional.of(new Inbound(requestId, hint == null ? List.of() : List.of(hint)));
    }

    /** hex(HMAC-SHA256(key = secret, message = raw body + X-Request-Id)). */
    public static String signature(String secret, byte[] body, String requestId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(body);
            mac.update(requestId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String lastSegment(String location) {
        if (location == null || location.isBlank()) return null;
        String l = location.replaceAll("/+$", "");
        int q = l.indexOf('?');
        if (q >= 0) l = l.substring(0, q);
        return l.substring(l.lastIndexOf('/') + 1);
    }

    static Instant date(String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
