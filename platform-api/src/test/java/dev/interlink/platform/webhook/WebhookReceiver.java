package dev.interlink.platform.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;

/** A tenant's webhook receiver on 127.0.0.1: records every request and answers what the test says. */
public final class WebhookReceiver implements AutoCloseable {
    /** One received request: lower-cased header names, the exact body, the path. */
    public record Received(String path, Map<String, String> headers, String body) {
        public String id() {
            return headers.get("webhook-id");
        }
    }

    /** What to answer: status, body, optional extra headers; or an action that takes the exchange itself. */
    record Answer(int status, String body, Map<String, String> headers) {
        static Answer of(int status) {
            return new Answer(status, "", Map.of());
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Received, Answer>> answers = new ConcurrentHashMap<>();
    private final Map<String, ExchangeHandler> raw = new ConcurrentHashMap<>();

    @FunctionalInterface
    interface ExchangeHandler {
        void handle(HttpExchange exchange) throws IOException;
    }

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers requests to {@code path} with {@code answer} (default: 200). */
    void answer(String path, Function<Received, Answer> answer) {
        answers.put(path, answer);
    }

    void answer(String path, int status) {
        answer(path, r -> Answer.of(status));
    }

    /** Takes over the exchange for {@code path} (slow answers, huge bodies). */
    void raw(String path, ExchangeHandler handler) {
        raw.put(path, handler);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits (real time) until {@code condition} holds for what was received; fails after {@code timeout}. */
    public List<Received> await(String path, Predicate<List<Received>> condition, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            List<Received> now = received(path);
            if (condition.test(now)) {
                return now;
            }
            sleep(20);
        }
        throw new AssertionError("receiver condition not met in " + timeout + "; got "
                + received(path).size());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Received r = new Received(path, headers, body);
        received.add(r);
        ExchangeHandler handler = raw.get(path);
        if (handler != null) {
            try {
                handler.handle(exchange);
            } finally {
                exchange.close();
            }
            return;
        }
        Answer a = answers.getOrDefault(path, x -> Answer.of(200)).apply(r);
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    static List<Received> unique(List<Received> all) {
        Map<String, Received> byId = new TreeMap<>();
        all.forEach(r -> byId.putIfAbsent(r.id(), r));
        return new ArrayList<>(byId.values());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
