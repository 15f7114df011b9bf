package dev.interlink.sandbox;

import dev.interlink.sandbox.cats.CatsAccount;
import dev.interlink.sandbox.cats.CatsProvider;
import dev.interlink.sandbox.common.Account;
import dev.interlink.sandbox.common.ApiException;
import dev.interlink.sandbox.common.Fault;
import dev.interlink.sandbox.common.Ids;
import dev.interlink.sandbox.common.Registry;
import dev.interlink.sandbox.common.RollingWindowLimiter;
import dev.interlink.sandbox.common.TokenBucketLimiter;
import dev.interlink.sandbox.control.ControlApi;
import dev.interlink.sandbox.loxo.LoxoAccount;
import dev.interlink.sandbox.loxo.LoxoProvider;
import java.util.Map;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * In-process start API for other modules' tests and the standalone main.
 *
 * <pre>
 * try (Sandbox sb = Sandbox.start(0)) {
 *     Sandbox.AccountInfo cats = sb.createAccount("cats", 42, 1000);
 *     // call cats.baseUrl() + "/candidates" with "Authorization: Token " + cats.apiKey()
 * }
 * </pre>
 */
public final class Sandbox implements AutoCloseable {
    public static final String DEFAULT_ADMIN_TOKEN = "sandbox-admin";

    /** What a client needs to call one simulated account. {@code agencySlug} is null for CATS. */
    public record AccountInfo(String accountId, String provider, String apiKey, String agencySlug, String baseUrl) {}

    private final Server server;
    private final ServerConnector connector;
    private final Registry registry;
    private final String host;

    private Sandbox(Server server, ServerConnector connector, Registry registry, String host) {
        this.server = server;
        this.connector = connector;
        this.registry = registry;
        this.host = host;
    }

    /** Starts on 127.0.0.1; port 0 picks a free port. Admin token from env or {@value #DEFAULT_ADMIN_TOKEN}. */
    public static Sandbox start(int port) {
        return start("127.0.0.1", port, adminTokenFromEnv());
    }

    public static Sandbox start(String host, int port, String adminToken) {
        Registry registry = new Registry();
        QueuedThreadPool pool = new QueuedThreadPool(200, 8);
        pool.setName("sandbox");
        Server server = new Server(pool);
        HttpConfiguration cfg = new HttpConfiguration();
        cfg.setSendServerVersion(false);
        cfg.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(cfg));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(30_000);
        server.addConnector(connector);
        server.setStopTimeout(1_000);
        Sandbox sb = new Sandbox(server, connector, registry, host);
        server.setHandler(new SandboxHandler(
                new CatsProvider(registry), new LoxoProvider(registry), new ControlApi(sb, adminToken)));
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("sandbox failed to start on " + host + ":" + port, e);
        }
        String visibleHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        registry.origin = "http://" + visibleHost + ":" + connector.getLocalPort();
        return sb;
    }

    static String adminTokenFromEnv() {
        String t = System.getenv("INTERLINK_SANDBOX_ADMIN_TOKEN");
        return t == null || t.isBlank() ? DEFAULT_ADMIN_TOKEN : t;
    }

    /** e.g. {@code http://127.0.0.1:8090} (no trailing slash). */
    public String baseUrl() {
        return registry.origin;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public AccountInfo createAccount(String provider, long seed, int candidates) {
        return createAccount(provider, seed, candidates, null, null);
    }

    /** {@code apiKey}/{@code agencySlug} may be null to generate them. */
    public AccountInfo createAccount(String provider, long seed, int candidates, String apiKey, String agencySlug) {
        if (candidates < 0 || candidates > 5_000_000) throw new ApiException(400, "candidates must be 0..5000000");
        String p = provider == null ? "" : provider.toLowerCase();
        switch (p) {
            case "cats": {
                String key = apiKey == null || apiKey.isBlank() ? Ids.secretHex(20) : apiKey;
                CatsAccount a = new CatsAccount(registry.nextAccountId("cats"), key, seed, candidates, registry);
                registry.addCats(a);
                return info(a);
            }
            case "loxo": {
                String key = apiKey == null || apiKey.isBlank() ? Ids.secretHex(64) : apiKey;
                String id = registry.nextAccountId("loxo");
                String slug = agencySlug == null || agencySlug.isBlank() ? "sandbox-agency-" + id : agencySlug;
                if (!slug.matches("[A-Za-z0-9][A-Za-z0-9_-]*"))
                    throw new ApiException(400, "agency_slug must be [A-Za-z0-9_-]");
                LoxoAccount a = new LoxoAccount(id, key, slug, seed, candidates, registry);
                registry.addLoxo(a, slug);
                return info(a);
            }
            default:
                throw new ApiException(400, "provider must be \"cats\" or \"loxo\"");
        }
    }

    public AccountInfo account(String accountId) {
        return info(registry.byId(accountId));
    }

    AccountInfo info(Account a) {
        if (a instanceof LoxoAccount l)
            return new AccountInfo(a.accountId, a.provider, a.apiKey, l.slug, registry.origin + "/loxo/api/" + l.slug);
        return new AccountInfo(a.accountId, a.provider, a.apiKey, null, registry.origin + "/cats/v3");
    }

    /** Rolling window (CATS style): {@code requests} per {@code perSeconds}; the window starts afresh. */
    public void setRollingLimit(String accountId, int requests, long perSeconds) {
        registry.byId(accountId).limiter = new RollingWindowLimiter(requests, perSeconds);
    }

    /** Token bucket (Loxo style); the bucket starts full. */
    public void setTokenBucket(String accountId, double ratePerSecond, int burst) {
        registry.byId(accountId).limiter = new TokenBucketLimiter(ratePerSecond, burst);
    }

    public Map<String, Object> limits(String accountId) {
        return registry.byId(accountId).limiter.describe();
    }

    /** type: 429, 500, 502, 503, html500, hang, reset, latency. {@code count} null = until cleared. */
    public void setFault(String accountId, String type, double probability, Long count, long latencyMs) {
        registry.byId(accountId).fault = new Fault(type, probability, count, latencyMs);
    }

    public void clearFault(String accountId) {
        registry.byId(accountId).fault = null;
    }

    /** Sets a provider quirk (see README "Quirks"); null value restores the default. */
    public void setQuirk(String accountId, String name, Object value) {
        Account a = registry.byId(accountId);
        if (!a.defaultQuirks().containsKey(name))
            throw new ApiException(
                    400,
                    "unknown quirk " + name + "; known: " + a.defaultQuirks().keySet());
        Object dflt = a.defaultQuirks().get(name);
        if (value == null) a.quirks.remove(name);
        else if (dflt instanceof Number) {
            try {
                a.quirks.put(name, Integer.parseInt(value.toString()));
            } catch (NumberFormatException e) {
                throw new ApiException(400, "quirk " + name + " needs a number");
            }
        } else a.quirks.put(name, value.toString());
    }

    public Map<String, Object> quirks(String accountId) {
        return registry.byId(accountId).effectiveQuirks();
    }

    /** {"requests": N, "by_status": {...}, "by_route": {"GET /candidates/{id}": n}} */
    public Map<String, Object> counters(String accountId) {
        return registry.byId(accountId).counters.snapshot();
    }

    public void resetCounters(String accountId) {
        registry.byId(accountId).counters.reset();
    }

    public void reseed(String accountId) {
        registry.byId(accountId).reseed();
    }

    Registry registry() {
        return registry;
    }

    String host() {
        return host;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // best effort
        }
        registry.webhooks.close();
    }
}
