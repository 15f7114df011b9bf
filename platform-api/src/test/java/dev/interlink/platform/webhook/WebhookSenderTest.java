package dev.interlink.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.common.DevMode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The pinned HTTP client on its own, against a receiver on 127.0.0.1 (dev mode rules). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookSenderTest {
    private final WebhookUrls dev = new WebhookUrls(new DevMode(true, "/tmp"));
    private final List<String> resolved = new CopyOnWriteArrayList<>();
    private WebhookReceiver receiver;
    private WebhookSender sender;

    @BeforeAll
    void start() throws IOException {
        receiver = new WebhookReceiver();
        sender = new WebhookSender(
                host -> {
                    resolved.add(host);
                    return InetAddress.getAllByName(host);
                },
                dev,
                1_500);
    }

    @AfterAll
    void stop() {
        receiver.close();
    }

    private WebhookSender.Result post(String path) {
        return sender.send(
                receiver.url(path),
                Map.of("webhook-id", "msg_1", "Content-Type", "application/json"),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_request_carries_our_headers_the_exact_body_and_the_host_header_of_the_url() {
        String url = receiver.url("/plain").replace("127.0.0.1", "localhost");
        WebhookSender.Result r = sender.send(url, Map.of("webhook-id", "msg_2"), "{\"b\":2}".getBytes());
        assertThat(r.status()).isEqualTo(200);
        WebhookReceiver.Received got = receiver.received("/plain").get(0);
        assertThat(got.headers().get("webhook-id")).isEqualTo("msg_2");
        assertThat(got.headers().get("host")).startsWith("localhost:"); // connected to the checked IP, Host kept
        assertThat(got.body()).isEqualTo("{\"b\":2}");
        assertThat(resolved).contains("localhost");
    }

    @Test
    void at_most_64_kb_of_an_endless_answer_is_read() {
        receiver.raw("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[8192];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 1280; i++) { // 10 MB
                    out.write(chunk);
                }
            } catch (IOException expected) {
                // we hung up
            }
        });
        WebhookSender.Result r = post("/endless");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyBytesRead()).isEqualTo(WebhookSender.MAX_RESPONSE_BYTES);
        assertThat(r.excerpt().getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(1024);
    }

    @Test
    void a_redirect_is_reported_not_followed() {
        receiver.answer(
                "/moved", x -> new WebhookReceiver.Answer(307, "", Map.of("Location", receiver.url("/elsewhere"))));
        WebhookSender.Result r = post("/moved");
        assertThat(r.status()).isEqualTo(307);
        assertThat(r.success()).isFalse();
        assertThat(receiver.received("/elsewhere")).isEmpty();
    }

    @Test
    void a_receiver_slower_than_the_timeout_is_a_timeout() {
        receiver.raw("/slow", exchange -> {
            WebhookReceiver.sleep(3_000);
            exchange.sendResponseHeaders(200, -1);
        });
        long start = System.nanoTime();
        WebhookSender.Result r = post("/slow");
        assertThat(r.status()).isNull();
        assertThat(r.error()).contains("timed out");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_900);
    }

    @Test
    void a_closed_port_is_a_connection_error() {
        WebhookSender.Result r =
                sender.send("http://127.0.0.1:9/nothing", Map.of(), new byte[0]); // discard port, nothing listens
        assertThat(r.status()).isNull();
        assertThat(r.error()).isNotBlank();
    }

    @Test
    void outside_dev_mode_the_same_loopback_receiver_is_refused_before_connecting() {
        WebhookSender production =
                new WebhookSender(InetAddress::getAllByName, new WebhookUrls(new DevMode(false, "/tmp")), 1_500);
        WebhookSender.Result r = production.send(receiver.url("/never"), Map.of(), new byte[0]);
        assertThat(r.status()).isNull();
        assertThat(r.error()).contains("https");
        WebhookSender.Result tls = production.send(
                receiver.url("/never").replace("http://127.0.0.1", "https://localhost"), Map.of(), new byte[0]);
        assertThat(tls.error()).contains("non-public");
        assertThat(receiver.received("/never")).isEmpty();
    }
}
