package dev.interlink.platform.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.common.Ids;
import dev.interlink.platform.events.Events;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * {@link Events} backed by the outbox: one {@code webhook_event} row plus one pending {@code webhook_delivery} per
 * active endpoint of the tenant whose {@code event_types} match, all on the caller's transaction (it joins an
 * ongoing {@code @Transactional}; alone it opens its own). So a rolled-back change leaves no event, and a committed
 * one always has its deliveries. Delivery happens later, on any replica ({@link DeliveryWorker}).
 */
@Singleton
public class OutboxEvents implements Events {
    private final DeliveryRepository outbox;
    private final EndpointRepository endpoints;
    private final ObjectMapper json;
    private final Clock clock;

    public OutboxEvents(DeliveryRepository outbox, EndpointRepository endpoints, ObjectMapper json, Clock clock) {
        this.outbox = outbox;
        this.endpoints = endpoints;
        this.json = json;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void publish(UUID tenantId, String type, Map<String, Object> data) {
        publishReturningId(tenantId, type, data);
    }

    /** {@link #publish}, returning the event's {@code webhook-id}. */
    @Transactional
    public String publishReturningId(UUID tenantId, String type, Map<String, Object> data) {
        Objects.requireNonNull(tenantId, "tenantId");
        if (!EventTypes.wellFormed(type)) {
            throw new IllegalArgumentException("event type must be dotted lower-case words: " + type);
        }
        Instant now = now();
        String id = insert(tenantId, type, data, now);
        for (WebhookEndpoint endpoint : endpoints.active(tenantId)) {
            if (!EventTypes.TEST.equals(type) && EventTypes.matches(endpoint.eventTypes(), type)) {
                outbox.insertDelivery(tenantId, id, type, endpoint.id(), now);
            }
        }
        return id;
    }

    /** A {@code webhook.test} event for one endpoint only; returns the delivery id. */
    @Transactional
    public UUID publishTest(UUID tenantId, UUID endpointId, Map<String, Object> data) {
        Instant now = now();
        String id = insert(tenantId, EventTypes.TEST, data, now);
        return outbox.insertDelivery(tenantId, id, EventTypes.TEST, endpointId, now);
    }

    private String insert(UUID tenantId, String type, Map<String, Object> data, Instant now) {
        String id = Ids.random("msg_", 18);
        String payload;
        try {
            payload = json.writeValueAsString(data == null ? Map.of() : data);
        } catch (Exception e) {
            throw new IllegalArgumentException("event data is not JSON-serializable", e);
        }
        outbox.insertEvent(id, tenantId, type, payload, now);
        return id;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
