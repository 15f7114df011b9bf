package dev.interlink.platform.events;

import java.util.Map;
import java.util.UUID;

/**
 * Where every part of the platform announces a change to a tenant (integrated account lifecycle, ATS changes
 * found by the change engine, our own writes). The implementation writes an outbox row on the caller's current
 * transaction, so an event exists exactly when the state change that caused it was committed; delivery to the
 * tenant's webhook endpoints happens later, from the outbox, on any replica.
 *
 * <p>{@code type} is a dotted event type ({@code ats.application.stage_changed}); {@code data} is the event's
 * {@code data} object as JSON-serializable maps/lists/scalars. Never put credentials, tokens or secrets in it.
 */
public interface Events {
    void publish(UUID tenantId, String type, Map<String, Object> data);
}
