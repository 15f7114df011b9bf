package dev.interlink.platform.webhook;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.account.Page;
import dev.interlink.platform.account.PageCursor;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenant's webhook endpoints and their delivery log. Every method takes the tenant id of the authenticated
 * principal; another tenant's endpoint or delivery answers exactly like a missing one (404).
 */
@Singleton
public class WebhookService {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookService.class);
    static final int MAX_EVENT_TYPES = 50;
    static final int MAX_DESCRIPTION = 500;
    private static final Set<String> DELIVERY_STATUSES = Set.of(Delivery.PENDING, Delivery.SUCCEEDED, Delivery.FAILED);

    private final EndpointRepository endpoints;
    private final DeliveryRepository deliveries;
    private final WebhookSecrets secrets;
    private final WebhookUrls urls;
    private final OutboxEvents events;
    private final WebhookConfig config;
    private final Clock clock;

    public WebhookService(
            EndpointRepository endpoints,
            DeliveryRepository deliveries,
            WebhookSecrets secrets,
            WebhookUrls urls,
            OutboxEvents events,
            WebhookConfig config,
            Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.urls = urls;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    public record CreateRequest(
            @Nullable String url, @Nullable List<Object> eventTypes, @Nullable String description) {}

    public record PatchRequest(
            @Nullable String url,
            @Nullable List<Object> eventTypes,
            @Nullable String description,
            @Nullable String status) {}

    /** A created endpoint and its first secret (shown this once). */
    public record Created(WebhookEndpoint endpoint, String secret) {}

    /** A rotated secret (shown this once) and until when the previous one still signs. */
    public record Rotated(String secret, Instant previousSecretExpiresAt) {}

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Transactional
    public Created create(UUID tenantId, CreateRequest body) {
        List<FieldError> errors = new ArrayList<>();
        String urlProblem = urls.problem(body.url());
        if (urlProblem != null) {
            errors.add(new FieldError("/url", urlProblem));
        }
        List<String> types = eventTypes(body.eventTypes(), errors);
        descriptionErrors(body.description(), errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        Instant now = now();
        WebhookEndpoint endpoint = new WebhookEndpoint(
                UUID.randomUUID(),
                tenantId,
                body.url(),
                types,
                body.description(),
                WebhookEndpoint.ACTIVE,
                null,
                null,
                null,
                now,
                now);
        endpoints.insert(endpoint);
        String secret = secrets.create(tenantId, endpoint.id());
        LOG.info("Webhook endpoint {} created (tenant {})", endpoint.id(), tenantId);
        return new Created(endpoint, secret);
    }

    /** The entries of {@code event_types}, each checked against the catalog; duplicates dropped. */
    private static List<String> eventTypes(@Nullable List<Object> raw, List<FieldError> errors) {
        if (raw == null || raw.isEmpty()) {
            errors.add(new FieldError("/event_types", "is required: at least one event type or pattern"));
            return List.of();
        }
        if (raw.size() > MAX_EVENT_TYPES) {
            errors.add(new FieldError("/event_types", "at most " + MAX_EVENT_TYPES + " entries"));
            return List.of();
        }
        Set<String> types = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            Object entry = raw.get(i);
            if (!(entry instanceof String s)) {
                errors.add(new FieldError("/event_types/" + i, "must be a string"));
                continue;
            }
            String problem = EventTypes.problem(s);
            if (problem != null) {
                errors.add(new FieldError("/event_types/" + i, problem));
            } else {
                types.add(s);
            }
        }
        return List.copyOf(types);
    }

    private static void descriptionErrors(@Nullable String description, List<FieldError> errors) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("/description", "at most " + MAX_DESCRIPTION + " characters"));
        }
    }

    @Transactional
    public WebhookEndpoint get(UUID tenantId, String id) {
        return endpoints
                .find(tenantId, parse(id, WebhookService::endpointNotFound))
                .orElseThrow(WebhookService::endpointNotFound);
    }

    @Transactional
    public Page<WebhookEndpoint> list(UUID tenantId, @Nullable String cursor, @Nullable Integer limit) {
        int n = PageCursor.limit(limit, 50, 200);
        PageCursor after = cursor(cursor);
        List<WebhookEndpoint> rows = endpoints.list(tenantId, after, n);
        String next = null;
        if (rows.size() > n) {
            rows = rows.subList(0, n);
            WebhookEndpoint last = rows.get(n - 1);
            next = new PageCursor(last.createdAt(), last.id().toString()).encode();
        }
        return Page.of(List.copyOf(rows), next);
    }

    /** PATCH: any of url, event_types, description, status (active|disabled). Enabling clears the failure run. */
    @Transactional
    public WebhookEndpoint update(UUID tenantId, String id, PatchRequest body) {
        WebhookEndpoint current = endpoints
                .findForUpdate(tenantId, parse(id, WebhookService::endpointNotFound))
                .orElseThrow(WebhookService::endpointNotFound);
        List<FieldError> errors = new ArrayList<>();
        if (body.url() != null) {
            String problem = urls.problem(body.url());
            if (problem != null) {
                errors.add(new FieldError("/url", problem));
            }
        }
        List<String> types = body.eventTypes() == null ? current.eventTypes() : eventTypes(body.eventTypes(), errors);
        descriptionErrors(body.description(), errors);
        if (body.status() != null
                && !body.status().equals(WebhookEndpoint.ACTIVE)
                && !body.status().equals(WebhookEndpoint.DISABLED)) {
            errors.add(new FieldError("/status", "must be active or disabled"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        Instant now = now();
        endpoints.update(
                tenantId,
                current.id(),
                body.url() == null ? current.url() : body.url(),
                types,
                body.description() == null ? current.description() : body.description(),
                now);
        if (body.status() != null) {
            endpoints.setStatus(
                    current.id(),
                    body.status(),
                    body.status().equals(WebhookEndpoint.DISABLED) ? "Disabled by the tenant" : null,
                    now);
        }
        return endpoints.find(tenantId, current.id()).orElseThrow();
    }

    /** Deletes the endpoint, its deliveries and its secrets. */
    @Transactional
    public void delete(UUID tenantId, String id) {
        UUID endpointId = parse(id, WebhookService::endpointNotFound);
        if (!endpoints.delete(tenantId, endpointId)) {
            throw endpointNotFound();
        }
        secrets.wipe(tenantId, endpointId);
        LOG.info("Webhook endpoint {} deleted, secrets wiped (tenant {})", endpointId, tenantId);
    }

    /** A new secret; the current one keeps signing (as a second signature) for the configured overlap. */
    @Transactional
    public Rotated rotate(UUID tenantId, String id) {
        WebhookEndpoint endpoint = endpoints
                .findForUpdate(tenantId, parse(id, WebhookService::endpointNotFound))
                .orElseThrow(WebhookService::endpointNotFound);
        String secret = secrets.rotate(tenantId, endpoint.id());
        Instant now = now();
        Instant expires = now.plus(config.previousSecretTtl());
        endpoints.setPreviousSecretExpiry(endpoint.id(), expires, now);
        LOG.info("Webhook endpoint {} secret rotated (tenant {})", endpoint.id(), tenantId);
        return new Rotated(secret, expires);
    }

    /** Enqueues a {@code webhook.test} event to this endpoint only. */
    @Transactional
    public Delivery test(UUID tenantId, String id) {
        WebhookEndpoint endpoint = activeEndpoint(tenantId, parse(id, WebhookService::endpointNotFound));
        UUID delivery = events.publishTest(
                tenantId,
                endpoint.id(),
                Map.of("webhook_endpoint_id", endpoint.id().toString(), "message", "This is a test event"));
        return deliveries.find(tenantId, delivery).orElseThrow();
    }

    @Transactional
    public Page<Delivery> deliveries(
            UUID tenantId,
            String endpointId,
            @Nullable String status,
            @Nullable String eventType,
            @Nullable String cursor,
            @Nullable Integer limit) {
        WebhookEndpoint endpoint = get(tenantId, endpointId);
        int n = PageCursor.limit(limit, 50, 200);
        if (status != null && !DELIVERY_STATUSES.contains(status)) {
            throw ApiProblem.invalid("/status", "must be pending, succeeded or failed");
        }
        PageCursor after = cursor(cursor);
        List<Delivery> rows =
                deliveries.list(tenantId, endpoint.id(), new DeliveryRepository.Filter(status, eventType), after, n);
        String next = null;
        if (rows.size() > n) {
            rows = rows.subList(0, n);
            Delivery last = rows.get(n - 1);
            next = new PageCursor(last.createdAt(), last.id().toString()).encode();
        }
        return Page.of(List.copyOf(rows), next);
    }

    /** One delivery with what was sent: the latest attempt's headers (signature included, never a secret), body. */
    @Transactional
    public Delivery delivery(UUID tenantId, String id) {
        Delivery d = deliveries
                .find(tenantId, parse(id, WebhookService::deliveryNotFound))
                .orElseThrow(WebhookService::deliveryNotFound);
        DeliveryRepository.StoredEvent event =
                deliveries.event(tenantId, d.eventId()).orElseThrow(WebhookService::deliveryNotFound);
        String body = new String(
                WebhookBody.of(event.type(), event.createdAt(), event.payload()),
                java.nio.charset.StandardCharsets.UTF_8);
        Map<String, String> headers = d.attempts().isEmpty()
                ? null
                : d.attempts().get(d.attempts().size() - 1).requestHeaders();
        return d.withRequest(new Delivery.Request(headers, body));
    }

    /** A new delivery of the same event (same {@code webhook-id}) to the same endpoint, due now, own schedule. */
    @Transactional
    public Delivery retry(UUID tenantId, String id) {
        Delivery d = deliveries
                .find(tenantId, parse(id, WebhookService::deliveryNotFound))
                .orElseThrow(WebhookService::deliveryNotFound);
        activeEndpoint(tenantId, d.endpointId());
        UUID created = deliveries.insertDelivery(tenantId, d.eventId(), d.eventType(), d.endpointId(), now());
        return deliveries.find(tenantId, created).orElseThrow();
    }

    /** Re-enqueues this endpoint's events since {@code since} (new deliveries, the same webhook-ids). */
    @Transactional
    public int replay(UUID tenantId, String endpointId, @Nullable String since) {
        WebhookEndpoint endpoint = get(tenantId, endpointId);
        Instant from;
        try {
            if (since == null) {
                throw ApiProblem.invalid("/since", "is required (an ISO-8601 time, e.g. 2026-01-31T12:00:00Z)");
            }
            from = Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid("/since", "must be an ISO-8601 time, e.g. 2026-01-31T12:00:00Z");
        }
        activeEndpoint(tenantId, endpoint.id());
        int n = deliveries.replay(tenantId, endpoint.id(), from, now(), config.replayMax());
        LOG.info("Webhook endpoint {}: {} event(s) replayed since {} (tenant {})", endpoint.id(), n, from, tenantId);
        return n;
    }

    private WebhookEndpoint activeEndpoint(UUID tenantId, UUID id) {
        WebhookEndpoint endpoint = endpoints.find(tenantId, id).orElseThrow(WebhookService::endpointNotFound);
        if (!endpoint.active()) {
            throw ApiProblem.of(
                    ErrorCode.WEBHOOK_ENDPOINT_DISABLED, "The endpoint is disabled; enable it first (PATCH status)");
        }
        return endpoint;
    }

    private static PageCursor cursor(@Nullable String cursor) {
        PageCursor after = cursor == null ? null : PageCursor.decode(cursor);
        if (after != null) {
            try {
                UUID.fromString(after.id());
            } catch (IllegalArgumentException e) {
                throw ApiProblem.of(ErrorCode.PLATFORM_CURSOR_INVALID, "The cursor is not one this API returned");
            }
        }
        return after;
    }

    /** A malformed id answers like a missing one. */
    private static UUID parse(String id, java.util.function.Supplier<ApiProblem> notFound) {
        try {
            return UUID.fromString(id);
        } catch (RuntimeException e) {
            throw notFound.get();
        }
    }

    static ApiProblem endpointNotFound() {
        return ApiProblem.of(ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND, "No webhook endpoint with this id");
    }

    static ApiProblem deliveryNotFound() {
        return ApiProblem.of(ErrorCode.WEBHOOK_DELIVERY_NOT_FOUND, "No webhook delivery with this id");
    }
}
