package dev.interlink.link;

import com.github.mvysny.vaadinboot.VaadinBoot;
import dev.interlink.link.api.HttpPlatformLinkClient;
import dev.interlink.link.api.PlatformLinkClients;
import org.slf4j.LoggerFactory;

/**
 * Starts the link UI on embedded Jetty (vaadin-boot).
 *
 * <p>Environment: {@code INTERLINK_LINK_UI_PORT} (8081), {@code INTERLINK_LINK_UI_HOST} (127.0.0.1),
 * {@code INTERLINK_API_URL} (http://127.0.0.1:8080), {@code INTERLINK_LINK_UI_COOKIE_SECURE} (true).
 */
public final class LinkUiMain {
    private LinkUiMain() {}

    public static void main(String[] args) throws Exception {
        // P11: never write ~/.vaadin/usage-statistics.json
        System.setProperty("vaadin.devmode.usageStatistics.enabled", "false");
        System.setProperty("devmode.usageStatistics.enabled", "false");

        HttpPlatformLinkClient client = HttpPlatformLinkClient.fromEnvironment();
        PlatformLinkClients.use(client);
        LoggerFactory.getLogger(LinkUiMain.class).info("platform-api at {}", client.baseUri());

        int port = Integer.parseInt(env("INTERLINK_LINK_UI_PORT", "8081"));
        String host = env("INTERLINK_LINK_UI_HOST", "127.0.0.1");
        // Prometheus /metrics on a port of its own, never the public one (docs/observability.md)
        dev.interlink.link.observability.ManagementServer.start(
                host, Integer.parseInt(env("INTERLINK_LINK_UI_MANAGEMENT_PORT", "9091")));
        new VaadinBoot()
                .withPort(port)
                .listenOn(host)
                .openBrowserInDevMode(false)
                .run();
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
