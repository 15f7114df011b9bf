package dev.interlink.link.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ManagementServerTest {
    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metrics_are_scraped_as_prometheus_text_with_jvm_series() throws Exception {
        try (ManagementServer server = ManagementServer.start("127.0.0.1", 0)) {
            HttpResponse<String> scrape = get(server.port(), "/metrics");
            assertEquals(200, scrape.statusCode());
            assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            for (String series :
                    new String[] {"jvm_memory_used_bytes{", "jvm_threads_live_threads", "process_uptime_seconds"}) {
                assertTrue(scrape.body().contains(series), series);
            }
        }
    }

    @Test
    void the_management_port_serves_nothing_but_metrics() throws Exception {
        try (ManagementServer server = ManagementServer.start("127.0.0.1", 0)) {
            assertEquals(404, get(server.port(), "/").statusCode());
            assertEquals(404, get(server.port(), "/interlink-link.js").statusCode());
        }
    }
}
