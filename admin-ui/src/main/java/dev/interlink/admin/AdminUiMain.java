package dev.interlink.admin;

import com.github.mvysny.vaadinboot.VaadinBoot;
import dev.interlink.admin.api.HttpPlatformAdminClient;
import dev.interlink.admin.api.PlatformAdminClients;
import org.slf4j.LoggerFactory;

/**
 * Starts the admin UI on embedded Jetty (vaadin-boot). It has no database: everything goes through
 * platform-api with the signed-in admin's short-lived token.
 *
 * <p>Environment: {@code INTERLINK_ADMIN_UI_PORT} (8082), {@code INTERLINK_ADMIN_UI_HOST} (127.0.0.1),
 * {@code INTERLINK_API_URL} (http://127.0.0.1:8080).
 */
public final class AdminUiMain {
    private AdminUiMain() {}

    public static void main(String[] args) throws Exception {
        // P11: never write ~/.vaadin/usage-statistics.json
        System.setProperty("vaadin.devmode.usageStatistics.enabled", "false");
        System.setProperty("devmode.usageStatistics.enabled", "false");

        HttpPlatformAdminClient client = HttpPlatformAdminClient.fromEnvironment();
        PlatformAdminClients.use(client);
        LoggerFactory.getLogger(AdminUiMain.class).info("platform-api at {}", client.baseUri());

        int port = Integer.parseInt(env("INTERLINK_ADMIN_UI_PORT", "8082"));
        String host = env("INTERLINK_ADMIN_UI_HOST", "127.0.0.1");
        // Prometheus /metrics on a port of its own, never the public one (docs/observability.md)
        dev.interlink.admin.observability.ManagementServer.start(
                host, Integer.parseInt(env("INTERLINK_ADMIN_UI_MANAGEMENT_PORT", "9092")));
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
