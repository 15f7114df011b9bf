package dev.interlink.platform.provider.lever;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.Tolerant;
import dev.interlink.platform.provider.changesource.ChangeHint;
import dev.interlink.platform.provider.changesource.ProviderWebhook;
import dev.interlink.platform.provider.http.RawResponse;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Lever webhooks (docs/providers/lever.md §6). Lever registers one webhook per event, {@code POST /webhooks {url,
 * event}}, and answers each with its own {@code configuration.signatureToken}: a registration here makes one per
 * followed event, keeps their ids and tokens space-separated, and a delivery verifies if any of them signed it. The
 * envelope is {@code {id, triggeredAt, event, data, token, signature}} with
 * {@code signature = hex(HMAC-SHA256(signatureToken, token + triggeredAt))}: the body is not signed, so only its ids
 * are used (as hints: the records are fetched, a forged id only makes us read another record), the per-delivery
 * {@code token} is the delivery id the engine deduplicates on, and a {@code triggeredAt} older than
 * {@code interlink.provider.lever.webhook-max-age} (1 h; the engine's dedupe records outlive it) is refused, so an
 * old signed envelope cannot be replayed once its token is forgotten.
 */
@Singleton
public class LeverWebhook implements ProviderWebhook {
    /** The events the engine follows, and the record each names. */
    static final Map<String, Hint> EVENTS = Map.of(
            "candidateStageChange", new Hint(AtsResource.APPLICATIONS, "opportunityId", true),
            "applicationCreated", new Hint(AtsResource.APPLICATIONS, "opportunityId", false),
            "candidateArchiveChange", new Hint(AtsResource.APPLICATIONS, "opportunityId", false),
            "contactCreated", new Hint(AtsResource.CANDIDATES, "contactId", false),
            "contactUpdated", new Hint(AtsResource.CANDIDATES, "contactId", false));

    /** Clock skew we accept for a {@code triggeredAt} in the future. */
    static final Duration SKEW = Duration.ofMinutes(5);

    record Hint(AtsResource resource, String idField, boolean stageMove) {}

    private final Duration maxAge;

    LeverWebhook(@Value("${interlink.provider.lever.webhook-max-age:1h}") Duration maxAge) {
        this.maxAge = maxAge;
    }

    @Override
    public String provider() {
        return LeverConnector.ID;
    }

    @Override
    public Registration register(ConnectorContext ctx, String targetUrl) {
        List<String> ids = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        try {
            for (String event : EVENTS.keySet().stream().sorted().toList()) {
                ObjectNode body = JsonNodeFactory.instance
                        .objectNode()
                        .put("url", targetUrl)
                        .put("event", event);
                JsonNode created = LeverConnector.data(LeverWriter.send(ctx, "POST", "/webhooks", null, body));
                ids.add(Tolerant.text(created, "id"));
                tokens.add(created.path("configuration").path("signatureToken").asText());
            }
        } catch (RuntimeException e) {
            unregister(ctx, String.join(" ", ids)); // all or nothing: no half-registered account
            throw e;
        }
        return new Registration(String.join(" ", ids), String.join(" ", tokens));
    }

    @Override
    public void unregister(ConnectorContext ctx, String remoteId) {
        if (remoteId == null || remoteId.isBlank()) return;
        for (String id : remoteId.split(" ")) {
            try (RawResponse ignored = ctx.stream(
                    "DELETE", ctx.uri("/webhooks/" + id, Map.of()), Map.of("Accept", List.of("*/*")), null, false)) {
                // answered: removed
            }
        }
    }

    @Override
    public Optional<Inbound> verify(InboundRequest request, String secret, Instant now) {
        JsonNode env;
        try {
            env = LeverPayloads.JSON.readTree(request.body());
        } catch (IOException e) {
            env = null;
        }
        String token = env == null ? "" : env.path("token").asText("");
        JsonNode at = env == null ? null : env.get("triggeredAt");
        String triggeredAt = at != null && at.canConvertToLong() ? String.valueOf(at.asLong()) : "";
        String given = env == null ? "" : env.path("signature").asText("");
        boolean signed = false;
        for (String signingToken : secret.split(" ")) {
            if (signingToken.isEmpty()) continue;
            // every token is tried (no early exit): the time does not tell which one matched
            signed |= MessageDigest.isEqual(
                    signature(signingToken, token, triggeredAt).getBytes(StandardCharsets.UTF_8),
                    given.getBytes(StandardCharsets.UTF_8));
        }
        if (!signed || token.isEmpty() || triggeredAt.isEmpty() || !recent(Long.parseLong(triggeredAt), now)) {
            return Optional.empty();
        }
        Instant changedAt = Instant.ofEpochMilli(Long.parseLong(triggeredAt));
        Hint hint = EVENTS.get(env.path("event").asText(""));
        String remoteId = hint == null ? null : Tolerant.text(env.path("data"), hint.idField());
        List<ChangeHint> hints = remoteId == null || remoteId.isBlank()
                ? List.of() // a test ping ("data": {}) or an event we do not follow
                : List.of(new ChangeHint(hint.resource(), remoteId, hint.stageMove(), changedAt));
        return Optional.of(new Inbound(token, hints));
    }

    private boolean recent(long triggeredAtMillis, Instant now) {
        Instant at = Instant.ofEpochMilli(triggeredAtMillis);
        return !at.isBefore(now.minus(maxAge)) && !at.isAfter(now.plus(SKEW));
    }

    /** hex(HMAC-SHA256(key = signature token, message = token + triggeredAt as a decimal string)). */
    public static String signature(String signingToken, String token, String triggeredAt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((token + triggeredAt).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
