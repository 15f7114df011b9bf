package dev.interlink.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.vault.TestVaultKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Configuration and small helpers shared by the webhook tests. */
final class WebhookTesting {
    private WebhookTesting() {}

    /** Dev mode (so http://127.0.0.1 receivers are allowed), a fast poll, a shared vault keyset. */
    static Map<String, String> properties() {
        Map<String, String> props = new HashMap<>(TestVaultKeys.properties());
        props.put("interlink.dev-mode", "true");
        try {
            props.put(
                    "interlink.home",
                    Files.createTempDirectory("interlink-webhooks").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        props.put("interlink.webhooks.poll-interval", "100ms");
        return props;
    }

    /** Creates an endpoint; returns the 201 body (with its one-time secret). */
    static JsonNode createEndpoint(Api api, String token, String url, List<String> types) {
        Api.Response r = api.post("/webhook-endpoints", token, Map.of("url", url, "event_types", types));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    /** Polls {@code GET path} until {@code condition} holds (real time). */
    static JsonNode awaitJson(Api api, String token, String path, Predicate<JsonNode> condition, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            last = api.get(path, token).json();
            if (condition.test(last)) {
                return last;
            }
            WebhookReceiver.sleep(50);
        }
        throw new AssertionError("condition not met for " + path + ": " + last);
    }
}
