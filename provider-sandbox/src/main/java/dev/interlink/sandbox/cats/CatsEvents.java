package dev.interlink.sandbox.cats;

import static dev.interlink.sandbox.cats.CatsData.link;

import dev.interlink.sandbox.common.Ids;
import dev.interlink.sandbox.common.Json;
import dev.interlink.sandbox.common.WebhookSender;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records an event in the /events feed and delivers it to matching webhooks: payload
 * {event, <res>_id, date, _links, _embedded} (§5.9 [LIVE]), headers X-Request-Id and
 * X-Signature: HMAC-SHA256 hex(hmac(secret, body + requestId)) (§4.8 [DOC~]); a 410 answer deletes the hook.
 */
final class CatsEvents {
    static final int MAX_EVENTS = 10_000;

    private CatsEvents() {}

    static void emit(CatsAccount acc, String event, String resource, long id, Map<String, Object> record) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", event);
        payload.put(resource + "_id", id);
        payload.put("date", CatsData.ts(Instant.now(), CatsData.UTC));
        payload.put("_links", Map.of(resource, link("/" + resource + "s/" + id)));
        payload.put("_embedded", record == null ? Map.of() : Map.of(resource, record));
        synchronized (acc.events) {
            Map<String, Object> ev = new LinkedHashMap<>(payload);
            ev.put("id", acc.nextId());
            acc.events.add(ev);
            if (acc.events.size() > MAX_EVENTS) acc.events.remove(0);
        }
        byte[] body = Json.bytes(payload);
        for (Map<String, Object> hook : acc.webhooks.values()) {
            @SuppressWarnings("unchecked")
            List<Object> events = (List<Object>) hook.get("events");
            if (events != null && !events.contains(event)) continue;
            String requestId = Ids.requestId();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-Request-Id", requestId);
            Object secret = hook.get("secret");
            if (secret != null && !secret.toString().isEmpty())
                headers.put("X-Signature", "HMAC-SHA256 " + WebhookSender.hmacHex(secret.toString(), body, requestId));
            Object hookId = hook.get("id");
            acc.registry.webhooks.send(hook.get("target_url").toString(), body, headers, status -> {
                if (status == 410) acc.webhooks.remove(((Number) hookId).longValue());
            });
        }
    }
}
