package dev.interlink.link.api;

import java.util.Objects;

/**
 * The process-wide client. Routes are created by Vaadin with no-arg constructors (no DI container here), so
 * they look it up; {@code LinkUiMain} installs the HTTP client and tests install a fake.
 */
public final class PlatformLinkClients {
    private static volatile PlatformLinkClient current;

    private PlatformLinkClients() {}

    public static PlatformLinkClient get() {
        PlatformLinkClient client = current;
        if (client == null) {
            synchronized (PlatformLinkClients.class) {
                if (current == null) {
                    current = HttpPlatformLinkClient.fromEnvironment();
                }
                client = current;
            }
        }
        return client;
    }

    public static void use(PlatformLinkClient client) {
        current = Objects.requireNonNull(client);
    }
}
