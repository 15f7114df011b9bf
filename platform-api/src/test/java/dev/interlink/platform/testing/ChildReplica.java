package dev.interlink.platform.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A platform-api replica in a process of its own (this test JVM's classpath and Java), so that it can be killed with
 * SIGKILL mid-work: no shutdown hook, no finally block, no connection closed politely.
 */
public final class ChildReplica implements AutoCloseable {
    private final Process process;
    private final Path log;
    public final Api api;

    public ChildReplica(Map<String, Object> properties) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Dmicronaut.server.port=" + port);
        command.add("-Dmicronaut.environments=test");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.interlink.platform.Application");
        log = Files.createTempFile("child-replica", ".log");
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        api = new Api(URI.create("http://127.0.0.1:" + port));
        awaitReady();
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the child replica exited:\n" + tail());
            }
            try {
                if (api.get("/health/readiness", null).status() == 200) return;
            } catch (RuntimeException | AssertionError notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the child replica did not become ready:\n" + tail());
    }

    /** SIGKILL (on Linux, {@link Process#destroyForcibly()} sends signal 9), then waits for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join(
                File.separator.equals("/") ? "\n" : "\r\n",
                lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) kill();
        Files.deleteIfExists(log);
    }
}
