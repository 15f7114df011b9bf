package dev.interlink.platform.observability;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The port of the operator endpoints ({@code /metrics}): {@code INTERLINK_MANAGEMENT_PORT}, 9090 by default,
 * never the public port, so a load balancer or Ingress that routes the public port cannot reach them. 0 takes
 * a free port (the tests, several replicas in one JVM).
 */
@Singleton
public class ManagementPort {
    private final int port;

    public ManagementPort(@Value("${interlink.management.port:9090}") int configured) {
        this.port = configured > 0 ? configured : freePort();
    }

    public int port() {
        return port;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
