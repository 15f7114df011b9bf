package dev.interlink.sandbox.lever;

import dev.interlink.sandbox.common.ApiException;
import dev.interlink.sandbox.common.Ids;
import dev.interlink.sandbox.common.Json;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhooks as docs/providers/lever.md "Webhooks" describes them: envelope {id, triggeredAt, event, data, token,
 * signature} with {@code signature = hex(HMAC-SHA256(key = the webhook's signatureToken, token + triggeredAt))}
 * (the body itself is not signed), header {@code User-Agent: Lever-Webhooks}; non-2xx answers are retried five
 * times with a doubling delay (quirk {@code webhook_retry_base_ms}, default 1000), every attempt is logged.
 */
final class LeverWebhooks {
    static final List<String> EVENTS = List.of(
            "applicationCreated",
            "candidateHired",
            "candidateStageChange",
            "candidateArchiveChange",
            "candidateDeleted",
            "interviewCreated",
            "interviewUpdated",
            "interviewDeleted",
            "contactCreated",
            "contactUpdated");
    static final List<String> WITH_CONDITIONS =
            List.of("applicationCreated", "candidateArchiveChange", "candidateHired", "candidateStageChange");
    static final int RETRIES = 5;
    static final int MAX_LOG = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private LeverWebhooks() {}

    /** POST /webhooks body {url, event, configuration{conditions{origins}}} → the stored webhook. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> create(LeverAccount acc, Map<String, Object> b) {
        Object url = b.get("url");
        Object event = b.get("event");
        if (!(url instanceof String u) || !(u.startsWith("http://") || u.startsWith("https://")))
            throw new ApiException(400, "url must be an absolute URL");
        if (!(event instanceof String e) || !EVENTS.contains(e))
            throw new ApiException(400, "event must be one of " + EVENTS);
        Map<String, Object> conditions = null;
        if (b.get("configuration") instanceof Map<?, ?> cfg && cfg.get("conditions") instanceof Map<?, ?> c) {
            if (!WITH_CONDITIONS.contains(e)) throw new ApiException(400, "event " + e + " takes no conditions");
            conditions = new LinkedHashMap<>((Map<String, Object>) c);
        }
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("id", UUID.randomUUID().toString());
        w.put("url", u);
        w.put("event", e);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("conditions", conditions);
        config.put("signatureToken", hex(24));
        w.put("configuration", config);
        w.put("createdAt", acc.now());
        acc.webhooks.put((String) w.get("id"), w);
        return w;
    }

    /** The webhook as GET /webhooks shows it (without its signing token). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> listed(Map<String, Object> w) {
        Map<String, Object> c = new LinkedHashMap<>(w);
        Map<String, Object> cfg = new LinkedHashMap<>((Map<String, Object>) w.get("configuration"));
        cfg.remove("signatureToken");
        c.put("configuration", cfg);
        return c;
    }

    /** Delivers {@code event} to every matching webhook; {@code origin} is the opportunity's (for conditions). */
    @SuppressWarnings("unchecked")
    static void emit(LeverProvider provider, LeverAccount acc, String event, Map<String, Object> data, String origin) {
        for (Map<String, Object> w : acc.webhooks.values()) {
            if (!event.equals(w.get("event"))) continue;
            Map<String, Object> cfg = (Map<String, Object>) w.get("configuration");
            if (cfg.get("conditions") instanceof Map<?, ?> cond && cond.get("origins") instanceof List<?> origins) {
                if (origin == null || !origins.contains(origin)) continue;
            }
            long triggeredAt = acc.now();
            String token = hex(24); // 48 characters
            Map<String, Object> env = new LinkedHashMap<>();
            env.put("id", Ids.requestId());
            env.put("triggeredAt", triggeredAt);
            env.put("event", event);
            env.put("data", data);
            env.put("token", token);
            env.put("signature", signature((String) cfg.get("signatureToken"), token, triggeredAt));
            deliver(provider, acc, w, Json.bytes(env), env.get("id").toString(), 1);
        }
    }

    private static void deliver(
            LeverProvider provider, LeverAccount acc, Map<String, Object> w, byte[] body, String eventId, int attempt) {
        String url = (String) w.get("url");
        acc.registry.webhooks.send(url, body, Map.of("User-Agent", "Lever-Webhooks"), status -> {
            Map<String, Object> log = new LinkedHashMap<>();
            log.put("event_id", eventId);
            log.put("webhook_id", w.get("id"));
            log.put("event", w.get("event"));
            log.put("url", url);
            log.put("attempt", attempt);
            log.put("status", status);
            log.put("at", acc.now());
            acc.deliveries.add(log);
            while (acc.deliveries.size() > MAX_LOG) acc.deliveries.remove(0);
            boolean ok = status >= 200 && status < 300;
            if (!ok && attempt <= RETRIES && acc.webhooks.containsKey(w.get("id"))) {
                long base = ((Number) acc.quirk("webhook_retry_base_ms")).longValue();
                long delay = base << (attempt - 1);
                try {
                    provider.retries.schedule(
                            () -> deliver(provider, acc, w, body, eventId, attempt + 1), delay, TimeUnit.MILLISECONDS);
                } catch (RuntimeException e) {
                    // the sandbox is shutting down
                }
            }
        });
    }

    static String signature(String signingToken, String token, long triggeredAt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((token + triggeredAt).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
