package dev.interlink.platform.changes;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.auth.PublicRoute;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.Problems;
import dev.interlink.platform.provider.changesource.ProviderWebhook;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /inbound/{provider}/{token}}: where providers deliver the webhooks we registered. Public (the provider
 * has no JWT): the unguessable token in the path picks the subscription and the provider's signature, checked by its
 * {@link ProviderWebhook}, proves the sender. An unknown provider, an unknown token and a bad signature all answer the
 * same 404, so the route does not tell which tokens exist. Bodies are capped ({@code interlink.changes.inbound-max-bytes}, 256 KiB: payloads may embed
 * whole records but no files) and each token, and the route as a whole, is rate limited in memory per replica.
 */
@Controller("/inbound")
@PublicRoute
public class InboundWebhookController {
    private final ProviderWebhooks webhooks;
    private final InboundDeliveries deliveries;
    private final InboundLimiter limiter;
    private final int maxBytes;

    InboundWebhookController(
            ProviderWebhooks webhooks,
            InboundDeliveries deliveries,
            InboundLimiter limiter,
            @Value("${interlink.changes.inbound-max-bytes:262144}") int maxBytes) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.limiter = limiter;
        this.maxBytes = maxBytes;
    }

    @Post(uri = "/{provider}/{token}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> receive(
            @PathVariable String provider,
            @PathVariable String token,
            HttpRequest<?> request,
            @Nullable @Body byte[] body) {
        if (request.getContentLength() > maxBytes || (body != null && body.length > maxBytes)) {
            return Problems.response(ApiProblem.of(
                    ErrorCode.PLATFORM_PAYLOAD_TOO_LARGE, "The webhook body is larger than " + maxBytes + " bytes"));
        }
        if (!limiter.allow(token)) {
            return Problems.response(
                    ApiProblem.of(ErrorCode.PLATFORM_RATE_LIMIT_EXCEEDED, "Too many webhook deliveries; retry later")
                            .header("Retry-After", "1"));
        }
        byte[] raw = body == null ? new byte[0] : body;
        Optional<ProviderWebhooks.Verified> verified = webhooks.verify(
                provider,
                token,
                new ProviderWebhook.InboundRequest(n -> request.getHeaders().get(n), raw));
        if (verified.isEmpty()) {
            return Problems.response(ApiProblem.of(ErrorCode.PLATFORM_NOT_FOUND, "No such webhook endpoint"));
        }
        InboundDeliveries.Outcome outcome = deliveries.take(verified.get());
        return HttpResponse.ok(Map.of("status", outcome.name().toLowerCase(java.util.Locale.ROOT)));
    }
}
