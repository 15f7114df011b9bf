package dev.interlink.platform.webhook;

import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.auth.RequiresScope;
import dev.interlink.platform.auth.Scopes;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;

/** One delivery (what was sent, every attempt) and a manual retry; plus the event type catalog. */
@Controller
@Tag(name = "Webhooks")
public class WebhookDeliveryController {
    private final WebhookService service;

    public WebhookDeliveryController(WebhookService service) {
        this.service = service;
    }

    @Operation(summary = "One delivery: request headers (signature, never the secret) and body, every attempt")
    @Get("/webhook-deliveries/{id}")
    @RequiresScope(Scopes.WEBHOOKS_READ)
    public Delivery get(Principal principal, @PathVariable String id) {
        return service.delivery(principal.tenantId(), id);
    }

    @Operation(summary = "Deliver the same event again (same webhook-id) as a new delivery, due now")
    @Post("/webhook-deliveries/{id}/retry")
    @RequiresScope(Scopes.WEBHOOKS_WRITE)
    public HttpResponse<Delivery> retry(Principal principal, @PathVariable String id) {
        return HttpResponse.<Delivery>status(HttpStatus.ACCEPTED).body(service.retry(principal.tenantId(), id));
    }

    @Operation(summary = "The event types an endpoint can subscribe to (exact, or a prefix pattern like ats.*)")
    @Get("/webhook-event-types")
    @RequiresScope(Scopes.WEBHOOKS_READ)
    public Map<String, Object> eventTypes() {
        return Map.of("result", EventTypes.CATALOG, "result_count", EventTypes.CATALOG.size());
    }
}
