package dev.interlink.platform.common;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Dev mode ({@code INTERLINK_DEV_MODE=true}, set by {@code ./interlink up}) lets the service generate its own
 * keys into {@code INTERLINK_HOME} (default {@code .interlink/}). Outside dev mode, missing keys stop startup.
 */
@Singleton
public class DevMode {
    private final boolean enabled;
    private final Path home;

    public DevMode(
            @Value("${interlink.dev-mode:false}") boolean enabled, @Value("${interlink.home:.interlink}") String home) {
        this.enabled = enabled;
        this.home = Path.of(home);
    }

    public boolean enabled() {
        return enabled;
    }

    public Path home() {
        return home;
    }

    public static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: nothing more we can do
        }
    }
}
