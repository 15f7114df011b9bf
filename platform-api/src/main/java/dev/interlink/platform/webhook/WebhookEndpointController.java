package dev.interlink.platform.webhook;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.account.Page;
import dev.interlink.platform.account.PageCursor;
import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.auth.RequiresScope;
import dev.interlink.platform.auth.Scopes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tenant's webhook endpoints. The signing secret appears in exactly two responses (create, rotate-secret) and
 * never again. Another tenant's endpoint id answers 404 {@code WEBHOOK.ENDPOINT_NOT_FOUND}.
 */
@Controller("/webhook-endpoints")
@Tag(name = "Webhooks")
public class WebhookEndpointController {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    private final WebhookService service;
    private final ObjectMapper json;

    public WebhookEndpointController(WebhookService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    public record ReplayRequest(@Nullable String since) {}

    @Operation(summary = "Create an endpoint; the answer holds its signing secret, shown only this once")
    @Post
    @RequiresScope(Scopes.WEBHOOKS_WRITE)
    public HttpResponse<Map<String, Object>> create(Principal principal, @Body WebhookService.CreateRequest body) {
        WebhookService.Created created = service.create(principal.tenantId(), body);
        Map<String, Object> view = json.convertValue(created.endpoint(), MAP);
        view.put("secret", created.secret());
        return HttpResponse.<Map<String, Object>>status(HttpStatus.CREATED)
                .body(view)
                .header("Location", "/webhook-endpoints/" + created.endpoint().id());
    }

    @Operation(summary = "List endpoints, newest first (cursor pagination)")
    @Get
    @RequiresScope(Scopes.WEBHOOKS_READ)
    public Page<WebhookEndpoint> list(
            Principal principal,
            @QueryValue("next_cursor") @Nullable String nextCursor,
            @QueryValue @Nullable String cursor,
            @QueryValue @Nullable Integer limit) {
        return service.list(principal.tenantId(), PageCursor.param(nextCursor, cursor), limit);
    }

    @Operation(summary = "One endpoint (never its secrets)")
    @Get("/{id}")
    @RequiresScope(Scopes.WEBHOOKS_READ)
    public WebhookEndpoint get(Principal principal, @PathVariable String id) {
        return service.get(principal.tenantId(), id);
    }

    @Operation(summary = "Change url, event_types, description or status (active|disabled)")
    @Patch("/{id}")
    @RequiresScope(Scopes.WEBHOOKS_WRITE)
    public WebhookEndpoint update(
            Principal principal, @PathVariable String id, @Body WebhookService.PatchRequest body) {
        return service.update(principal.tenantId(), id, body);
    }

    @Operation(summary = "Delete an endpoint with its delivery log and secrets")
    @Delete("/{id}")
    @RequiresScope(Scopes.WEBHOOKS_WRITE)
    public HttpResponse<Void> delete(Principal principal, @PathVariable String id) {
        service.delete(principal.tenantId(), id);
        return HttpResponse.noContent();
    }

    @Operation(summary = "A new signing secret (shown once); the previous one keeps signing for 24 hours")
    @Post("/{id}/rotate-secret")
    @RequiresScope(Scopes.WEBHOOKS_WRITE)
    public WebhookService.Rotated rotate(Principal principal, @PathVariable String id) {
        return service.rotate(principal.tenantId(), id);
    }

    @Operation(summary = "Send a webhook.test event to this endpoint only")
    @Post("/{id}/test")
    @RequiresScope(Scopes.WEBHOOKS_WRITE)
    public HttpResponse<Delivery> test(Principal principal, @PathVariable String id) {
        return HttpResponse.<Delivery>status(HttpStatus.ACCEPTED).body(service.test(principal.tenantId(), id));
    }

    @Operation(summary = "This endpoint's deliveries with their attempts, newest first (filters: status, event_type)")
    @Get("/{id}/deliveries")
    @RequiresScope(Scopes.WEBHOOKS_READ)
    public Page<Delivery> deliveries(
            Principal principal,
            @PathVariable String id,
            @QueryValue @Nullable String status,
            @QueryValue("event_type") @Nullable String eventType,
            @QueryValue("next_cursor") @Nullable String nextCursor,
            @QueryValue @Nullable String cursor,
            @QueryValue @Nullable Integer limit) {
        return service.deliveries(
                principal.tenantId(), id, status, eventType, PageCursor.param(nextCursor, cursor), limit);
    }

    @Operation(summary = "Re-send this endpoint's events since a time (new deliveries, the same webhook-id per event)")
    @Post("/{id}/replay")
    @RequiresScope(Scopes.WEBHOOKS_WRITE)
    public HttpResponse<Map<String, Object>> replay(
            Principal principal, @PathVariable String id, @Body ReplayRequest body) {
        int n = service.replay(principal.tenantId(), id, body.since());
        return HttpResponse.<Map<String, Object>>status(HttpStatus.ACCEPTED).body(Map.of("replayed", n));
    }
}
