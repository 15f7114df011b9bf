package dev.interlink.admin.api;

import java.util.Objects;

/**
 * The process-wide client. Routes are created by Vaadin with no-arg constructors (no DI container), so they
 * look it up; {@code AdminUiMain} installs the HTTP client and tests install a fake.
 */
public final class PlatformAdminClients {
    private static volatile PlatformAdminClient current;

    private PlatformAdminClients() {}

    public static PlatformAdminClient get() {
        PlatformAdminClient client = current;
        if (client == null) {
            synchronized (PlatformAdminClients.class) {
                if (current == null) {
                    current = HttpPlatformAdminClient.fromEnvironment();
                }
                client = current;
            }
        }
        return client;
    }

    public static void use(PlatformAdminClient client) {
        current = Objects.requireNonNull(client);
    }
}
