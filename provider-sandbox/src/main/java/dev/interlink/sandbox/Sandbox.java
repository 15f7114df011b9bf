package dev.interlink.sandbox;

import dev.interlink.sandbox.common.Account;
import dev.interlink.sandbox.common.ApiException;
import dev.interlink.sandbox.common.Fault;
import dev.interlink.sandbox.common.Registry;
import dev.interlink.sandbox.common.RollingWindowLimiter;
import dev.interlink.sandbox.common.TokenBucketLimiter;
import dev.interlink.sandbox.common.TraceLog;
import dev.interlink.sandbox.control.ControlApi;
import dev.interlink.sandbox.spi.AccountEndpoint;
import dev.interlink.sandbox.spi.AccountRequest;
import dev.interlink.sandbox.spi.OAuthServer;
import dev.interlink.sandbox.spi.ProviderInfo;
import dev.interlink.sandbox.spi.SimulatedProvider;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
 *     for (ProviderInfo p : sb.providers()) {
 *         Sandbox.AccountInfo a = sb.createAccount(p.id(), 42, 1000);
 *         // call a.baseUrl() with a.apiKey() as the provider expects it (see provider-sandbox/README.md)
 *     }
 * }
 * </pre>
 */
public final class Sandbox implements AutoCloseable {
    public static final String DEFAULT_ADMIN_TOKEN = "sandbox-admin";

    /** What a client needs to call one simulated account. {@code agencySlug} is null for providers without one. */
    public record AccountInfo(String accountId, String provider, String apiKey, String agencySlug, String baseUrl) {}

    /**
     * What a client needs for an account of a provider with an OAuth 2.0 server (e.g. Lever): the registered
     * client, the authorize/token URLs, the data API base URL, and the account's API key (Basic auth, if the
     * provider also has keys).
     */
    public record OAuthAccountInfo(
            String accountId,
            String provider,
            String clientId,
            String clientSecret,
            List<String> redirectUris,
            String baseUrl,
            String authorizeUrl,
            String tokenUrl,
            String audience,
            List<String> scopes,
            String apiKey) {}

    /** A token pair minted without the browser flow; {@code refreshToken} is null without offline_access. */
    public record TokenPair(String accessToken, String refreshToken, long expiresIn, String scope) {}

    private final Server server;
    private final ServerConnector connector;
    private final Registry registry;
    private final TraceLog traces = new TraceLog();
    private final String host;
    private final List<SimulatedProvider> providers;

    private Sandbox(
            Server server,
            ServerConnector connector,
            Registry registry,
            String host,
            List<SimulatedProvider> providers) {
        this.server = server;
        this.connector = connector;
        this.registry = registry;
        this.host = host;
        this.providers = providers;
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
        List<SimulatedProvider> providers = Simulators.create(registry);
        Sandbox sb = new Sandbox(server, connector, registry, host, providers);
        server.setHandler(
                new SandboxHandler(providers, new ControlApi(sb, adminToken, providers, registry), sb.traces));
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
        return createAccount(provider, seed, candidates, apiKey, agencySlug, Map.of());
    }

    /**
     * The general form behind every createAccount: {@code options} are provider-specific (the control API passes
     * its request body), e.g. {@code redirect_uris} for a provider with an OAuth server.
     */
    public AccountInfo createAccount(
            String provider, long seed, int size, String apiKey, String agencySlug, Map<String, Object> options) {
        return info(newAccount(provider, seed, size, apiKey, agencySlug, options));
    }

    private Account newAccount(
            String provider, long seed, int size, String apiKey, String agencySlug, Map<String, Object> options) {
        if (size < 0 || size > 5_000_000) throw new ApiException(400, "candidates must be 0..5000000");
        return provider(provider).createAccount(new AccountRequest(seed, size, apiKey, agencySlug, options));
    }

    /** The simulated providers with their paths, in registration order (for launchers and test harnesses). */
    public List<ProviderInfo> providers() {
        return providers.stream().map(SimulatedProvider::info).toList();
    }

    public AccountInfo account(String accountId) {
        return info(registry.byId(accountId));
    }

    AccountInfo info(Account a) {
        AccountEndpoint e = providerOf(a).endpoint(a);
        return new AccountInfo(a.accountId, a.provider, e.apiKey(), e.agencySlug(), registry.origin + e.basePath());
    }

    /** Provider-specific fields of an account for the control API (empty for most providers). */
    public Map<String, Object> describeExtras(String accountId) {
        Account a = registry.byId(accountId);
        return providerOf(a).describe(a, registry.origin);
    }

    // ---- accounts of providers with an OAuth 2.0 server ----

    /** Creates an account with a registered OAuth client (default redirect URIs; see the provider's docs). */
    public OAuthAccountInfo createOAuthAccount(String provider, long seed, int size) {
        return createOAuthAccount(provider, seed, size, null);
    }

    /** {@code redirectUris} null or empty = the provider's defaults. */
    public OAuthAccountInfo createOAuthAccount(String provider, long seed, int size, List<String> redirectUris) {
        oauthOf(provider(provider)); // fail before creating anything
        Map<String, Object> options = new LinkedHashMap<>();
        if (redirectUris != null && !redirectUris.isEmpty()) options.put("redirect_uris", redirectUris);
        return oauthAccount(newAccount(provider, seed, size, null, null, options).accountId);
    }

    public OAuthAccountInfo oauthAccount(String accountId) {
        Account a = registry.byId(accountId);
        OAuthServer.Client c = oauthOf(providerOf(a)).client(a, registry.origin);
        return new OAuthAccountInfo(
                a.accountId,
                a.provider,
                c.clientId(),
                c.clientSecret(),
                c.redirectUris(),
                info(a).baseUrl(),
                c.authorizeUrl(),
                c.tokenUrl(),
                c.audience(),
                c.scopes(),
                a.apiKey);
    }

    /** Mints a token pair as if consent and the code exchange had happened; {@code scope} null = every scope. */
    public TokenPair mintTokens(String accountId, String scope) {
        Account a = registry.byId(accountId);
        OAuthServer.Tokens t = oauthOf(providerOf(a)).mint(a, scope);
        return new TokenPair(t.accessToken(), t.refreshToken(), t.expiresIn(), t.scope());
    }

    /** Every access token issued so far for the account is expired from now on. */
    public void expireAccessTokens(String accountId) {
        Account a = registry.byId(accountId);
        oauthOf(providerOf(a)).expireAccessTokens(a);
    }

    /** Simulates the customer's admin revoking the app: refresh → invalid_grant, API → 401. */
    public void revokeOAuth(String accountId) {
        Account a = registry.byId(accountId);
        oauthOf(providerOf(a)).revoke(a);
    }

    /** Changes OAuth settings (keys as in the control API's {@code PUT .../oauth/settings}); answers all of them. */
    public Map<String, Object> oauthSettings(String accountId, Map<String, Object> changes) {
        Account a = registry.byId(accountId);
        return oauthOf(providerOf(a)).settings(a, changes == null ? Map.of() : changes);
    }

    // ---- the sandbox clock (expiry of codes and tokens) ----

    /** The sandbox's "now" in epoch ms (wall clock plus every advance). */
    public long clockMillis() {
        return registry.clock.millis();
    }

    public void advanceClock(Duration by) {
        registry.clock.advance(by.toMillis());
    }

    public void resetClock() {
        registry.clock.reset();
    }

    List<SimulatedProvider> simulators() {
        return providers;
    }

    private final List<String> demoAccountIds = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Creates every simulator's fixed demo account (the offline demo of {@code ./interlink up}); their ids. */
    public List<String> createDemoAccounts() {
        for (SimulatedProvider p : providers) {
            dev.interlink.sandbox.spi.AccountRequest d = p.demoAccount();
            if (d != null) {
                demoAccountIds.add(createAccount(p.id(), d.seed(), d.size(), d.apiKey(), d.agencySlug(), d.options())
                        .accountId());
            }
        }
        return List.copyOf(demoAccountIds);
    }

    /**
     * The demo accounts as a client connects them: provider, account id, base URL, the credential set to import
     * (an OAuth provider's is a freshly minted pair) and, for OAuth providers, the registered client.
     */
    public List<Map<String, Object>> demoAccounts() {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (String id : demoAccountIds) {
            AccountInfo a = account(id);
            SimulatedProvider p = providerOf(registry.byId(id));
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("provider", p.id());
            m.put("name", p.displayName());
            m.put("account_id", id);
            m.put("base_url", a.baseUrl());
            m.put("credentials", p.connectionCredentials(registry.byId(id)));
            if (p.oauth() != null) {
                OAuthAccountInfo o = oauthAccount(id);
                m.put("oauth_client", Map.of("client_id", o.clientId(), "client_secret", o.clientSecret()));
            }
            out.add(m);
        }
        return out;
    }

    SimulatedProvider provider(String id) {
        String p = id == null ? "" : id.toLowerCase();
        for (SimulatedProvider sp : providers) if (sp.id().equals(p)) return sp;
        throw new ApiException(
                400,
                "provider must be "
                        + providers.stream().map(sp -> "\"" + sp.id() + "\"").collect(Collectors.joining(" or ")));
    }

    SimulatedProvider providerOf(Account a) {
        return provider(a.provider);
    }

    private static OAuthServer oauthOf(SimulatedProvider p) {
        OAuthServer o = p.oauth();
        if (o == null) throw new ApiException(400, "provider " + p.id() + " has no OAuth server");
        return o;
    }

    /** Rolling window: {@code requests} per {@code perSeconds}; the window starts afresh. */
    public void setRollingLimit(String accountId, int requests, long perSeconds) {
        registry.byId(accountId).limiter = new RollingWindowLimiter(requests, perSeconds);
    }

    /** Token bucket; the bucket starts full. */
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

    /** Trace ids of the last provider requests that carried a W3C traceparent (oldest first). */
    public List<String> traceIds() {
        return traces.traceIds();
    }

    /** {"requests": N, "by_status": {...}, "by_route": {"GET /candidates/{id}": n}} */
    public Map<String, Object> counters(String accountId) {
        Account a = registry.byId(accountId);
        return providerOf(a).counters(a);
    }

    public void resetCounters(String accountId) {
        Account a = registry.byId(accountId);
        providerOf(a).resetCounters(a);
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
        for (SimulatedProvider p : providers) p.close();
        registry.webhooks.close();
    }
}
