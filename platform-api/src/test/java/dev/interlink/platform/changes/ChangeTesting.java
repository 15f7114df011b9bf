package dev.interlink.platform.changes;

import dev.interlink.platform.testing.Api;
import dev.interlink.sandbox.Sandbox;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Shared steps of the change-detection tests. */
final class ChangeTesting {
    private ChangeTesting() {}

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A small seeded sandbox account whose own limits never get in the way (ours are the catalog's). */
    static Sandbox.AccountInfo sandboxAccount(Sandbox sandbox, String provider, long seed, int candidates) {
        Sandbox.AccountInfo a = sandbox.createAccount(provider, seed, candidates);
        if (provider.equals("cats")) sandbox.setRollingLimit(a.accountId(), 1_000_000, 3600);
        else sandbox.setTokenBucket(a.accountId(), 100_000, 100_000);
        return a;
    }

    static String importAccount(Api api, String token, Sandbox.AccountInfo a) {
        Map<String, Object> credentials = new HashMap<>();
        credentials.put("api_key", a.apiKey());
        if (a.agencySlug() != null) credentials.put("agency_slug", a.agencySlug());
        Api.Response r = api.post(
                "/integrated-accounts",
                token,
                Map.of(
                        "provider",
                        a.provider(),
                        "end_user",
                        Map.of("id", "user-" + a.accountId()),
                        "credentials",
                        credentials));
        if (r.status() != 201) throw new AssertionError("import failed: " + r.status() + " " + r.text());
        return r.json().path("id").asText();
    }

    /** Waits until {@code found} is non-empty (or the timeout), then returns it. */
    static <T> List<T> await(Supplier<List<T>> found, long timeoutMillis) {
        long end = System.currentTimeMillis() + timeoutMillis;
        List<T> now = found.get();
        while (now.isEmpty() && System.currentTimeMillis() < end) {
            sleep(25);
            now = found.get();
        }
        return now;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
