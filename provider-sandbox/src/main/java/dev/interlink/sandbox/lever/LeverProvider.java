package dev.interlink.sandbox.lever;

import dev.interlink.sandbox.common.Account;
import dev.interlink.sandbox.common.ApiException;
import dev.interlink.sandbox.common.FaultInjector;
import dev.interlink.sandbox.common.Ids;
import dev.interlink.sandbox.common.RateLimiter;
import dev.interlink.sandbox.common.Registry;
import dev.interlink.sandbox.common.Req;
import dev.interlink.sandbox.common.Resp;
import dev.interlink.sandbox.common.Router;
import dev.interlink.sandbox.spi.AccountEndpoint;
import dev.interlink.sandbox.spi.AccountRequest;
import dev.interlink.sandbox.spi.OAuthServer;
import dev.interlink.sandbox.spi.ProviderInfo;
import dev.interlink.sandbox.spi.SimulatedProvider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Lever: the Data API at {@code /lever/v1} (standing for {@code https://api.lever.co/v1}) and its OAuth 2.0
 * authorization server at {@code /lever/auth} (standing for {@code https://auth.lever.co}); see
 * docs/providers/lever.md. Front door order: credentials (401/403), faults, the per-account token bucket (429),
 * the route (404/405), the route's scope (403), the handler. Each credential (the OAuth app, the API key) has its
 * own token bucket.
 */
public final class LeverProvider implements SimulatedProvider {
    public static final String ID = "lever";
    static final String MOUNT = "/lever";
    static final String AUTH_MOUNT = MOUNT + "/auth";
    static final String API_MOUNT = MOUNT + "/v1";
    static final String KEY_INDEX = "lever.api_key";
    static final List<String> DEFAULT_REDIRECT_URIS = List.of(
            "http://127.0.0.1:8080/oauth/callback",
            "http://localhost:8080/oauth/callback",
            "http://127.0.0.1:8081/oauth/callback",
            "http://localhost:8081/oauth/callback");

    /**
     * The credential a data API request carries: {@code scopes} null = an API key (every endpoint);
     * {@code credential} names its rate-limit bucket.
     */
    record Call(LeverAccount acc, Set<String> scopes, String userId, String credential) {}

    private final Registry registry;
    private final LeverOAuth oauth;
    private final Router api = new Router();
    /** "METHOD template" → the scope the route needs. */
    private final Map<String, String> scopes = new HashMap<>();

    final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-lever-webhook-retries");
        t.setDaemon(true);
        return t;
    });

    public LeverProvider(Registry registry) {
        this.registry = registry;
        this.oauth = new LeverOAuth(registry);
        LeverRoutes.register(new LeverRoutes.Registrar(api, scopes), this);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Lever";
    }

    @Override
    public String mountPath() {
        return MOUNT;
    }

    @Override
    public ProviderInfo info() {
        return new ProviderInfo(
                ID,
                displayName(),
                API_MOUNT,
                API_MOUNT,
                "https://api.lever.co/v1",
                new ProviderInfo.OAuthPaths(
                        AUTH_MOUNT,
                        AUTH_MOUNT + "/authorize",
                        AUTH_MOUNT + "/oauth/token",
                        "https://auth.lever.co",
                        LeverOAuth.AUDIENCE));
    }

    @Override
    public Account createAccount(AccountRequest r) {
        String key = r.apiKey() == null || r.apiKey().isBlank() ? Ids.secretHex(24) : r.apiKey();
        String id = registry.nextAccountId(ID);
        String clientId = r.option("client_id") != null ? r.option("client_id") : LeverOAuth.random(24);
        String secret = r.option("client_secret") != null ? r.option("client_secret") : LeverOAuth.random(48);
        List<String> redirects = r.optionList("redirect_uris");
        if (redirects == null || redirects.isEmpty()) redirects = DEFAULT_REDIRECT_URIS;
        for (String u : redirects)
            if (!u.startsWith("http://") && !u.startsWith("https://") && !u.contains(":/"))
                throw new ApiException(400, "redirect_uris must be absolute URLs");
        LeverAccount a = new LeverAccount(id, key, r.seed(), r.size(), registry, clientId, secret, redirects);
        registry.add(
                a,
                new Registry.Key(KEY_INDEX, key, "api_key already in use"),
                new Registry.Key(LeverOAuth.CLIENT_INDEX, clientId, "client_id already in use"));
        return a;
    }

    @Override
    public AccountEndpoint endpoint(Account a) {
        return new AccountEndpoint(a.apiKey, null, API_MOUNT);
    }

    /** A minted pair (every scope, offline_access included) with its expiry on the sandbox clock. */
    @Override
    public Map<String, String> connectionCredentials(Account account) {
        OAuthServer.Tokens t = oauth.mint(account, null);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("access_token", t.accessToken());
        if (t.refreshToken() != null) m.put("refresh_token", t.refreshToken());
        m.put(
                "expires_at",
                java.time.Instant.ofEpochMilli(registry.clock.millis())
                        .plusSeconds(t.expiresIn())
                        .toString());
        return m;
    }

    @Override
    public Map<String, Object> describe(Account account, String origin) {
        OAuthServer.Client c = oauth.client(account, origin);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client_id", c.clientId());
        m.put("client_secret", c.clientSecret());
        m.put("redirect_uris", c.redirectUris());
        m.put("authorize_url", c.authorizeUrl());
        m.put("token_url", c.tokenUrl());
        m.put("audience", c.audience());
        m.put("lever_account_id", ((LeverAccount) account).data.leverAccountId);
        m.put("super_admin_user_id", ((LeverAccount) account).data.superAdminId());
        return m;
    }

    /** Fixed demo credentials (API key, OAuth client), like the other simulators' demo keys. */
    @Override
    public AccountRequest demoAccount() {
        return new AccountRequest(
                42,
                250,
                "demo-lever-key",
                null,
                Map.of("client_id", "demo-lever-client", "client_secret", "demo-lever-secret"));
    }

    @Override
    public OAuthServer oauth() {
        return oauth;
    }

    @Override
    public void controlRoutes(Router r) {
        LeverControl.register(r, oauth, this);
    }

    @Override
    public Map<String, Object> counters(Account account) {
        LeverAccount a = (LeverAccount) account;
        Map<String, Object> m = new LinkedHashMap<>(a.counters.snapshot());
        Map<String, Object> grants = new LinkedHashMap<>();
        grants.put("authorization_code", a.grantsAuthorizationCode.sum());
        grants.put("refresh_token", a.grantsRefreshToken.sum());
        m.put("token_grants", grants);
        m.put("invalid_grant", a.invalidGrant.sum());
        return m;
    }

    @Override
    public void resetCounters(Account account) {
        LeverAccount a = (LeverAccount) account;
        a.counters.reset();
        a.grantsAuthorizationCode.reset();
        a.grantsRefreshToken.reset();
        a.invalidGrant.reset();
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }

    // ---- requests ----

    @Override
    public Resp handle(Req req) {
        String p = req.path;
        switch (p) {
            case "/auth/authorize":
                return req.method.equals("GET") ? oauth.authorize(req) : methodNotAllowed();
            case "/auth/authorize/decision":
                return req.method.equals("POST") ? oauth.decision(req) : methodNotAllowed();
            case "/auth/oauth/token":
                return req.method.equals("POST")
                        ? oauth.token(req)
                        : LeverOAuth.oauthError(405, "invalid_request", "Method not allowed");
            default:
                break;
        }
        if (p.equals("/v1") || p.startsWith("/v1/")) return data(req.rebase(p.substring(3), req.baseUrl + "/v1"));
        return error(404, "Not found");
    }

    private Resp data(Req req) {
        Call call;
        String h = req.header.apply("Authorization");
        String auth = h == null ? "" : h.trim();
        if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            LeverOAuth.Verified v = oauth.verify(auth.substring(7).trim());
            if (v.error() != null) {
                if (v.account() != null) v.account().counters.record(null, String.valueOf(v.error().status));
                return v.error();
            }
            call = new Call(v.account(), v.scopes(), v.userId(), "oauth");
        } else if (auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            LeverAccount acc = byKey(auth.substring(6).trim());
            // a wrong key is 403 NotAuthorized (docs/providers/lever.md "API key")
            if (acc == null) return error(403, "Authentication incorrect.");
            call = new Call(acc, null, null, "api_key");
        } else {
            return error(401, "A valid API key or access token was not provided");
        }
        LeverAccount acc = call.acc();
        req.account = call;
        boolean[] pathMatched = new boolean[1];
        Router.Match m = api.match(req.method, req.path, pathMatched);
        String route = req.method + " " + (m == null ? "(unmatched)" : m.route().template());
        Resp fault = FaultInjector.apply(acc, req, retryAfter -> tooMany(acc, retryAfter));
        if (fault != null) {
            acc.counters.record(
                    route,
                    fault.kind == Resp.Kind.NORMAL
                            ? String.valueOf(fault.status)
                            : fault.kind.name().toLowerCase());
            return fault;
        }
        RateLimiter.Decision d = acc.limiterFor(call.credential()).acquire(System.currentTimeMillis());
        Resp resp = d.allowed() ? route(req, call, m, pathMatched[0]) : tooMany(acc, d.retryAfterSeconds());
        acc.counters.record(route, String.valueOf(resp.status));
        return resp;
    }

    private Resp route(Req req, Call call, Router.Match m, boolean pathMatched) {
        if (m == null) return pathMatched ? error(405, "Method not allowed") : error(404, "Not found");
        String needed = scopes.get(m.route().method() + " " + m.route().template());
        if (needed != null && !allows(call.scopes(), needed))
            return error(403, "Your Lever account settings don't authorize you to perform the requested operation");
        req.params = m.params();
        try {
            if (req.method.equals("GET")) return m.route().handler().handle(req);
            synchronized (call.acc()) {
                return m.route().handler().handle(req);
            }
        } catch (ApiException e) {
            if (e.body != null) return Resp.json(e.status, e.body);
            return error(e.status, e.getMessage());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A write scope includes its read scope (docs/providers/lever.md "Scopes"). */
    static boolean allows(Set<String> granted, String needed) {
        if (granted == null || granted.contains(needed)) return true;
        return needed.endsWith(":read:admin") && granted.contains(needed.replace(":read:admin", ":write:admin"));
    }

    private LeverAccount byKey(String b64) {
        String user;
        try {
            String dec = new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
            int colon = dec.indexOf(':');
            user = colon < 0 ? dec : dec.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
        Account a = registry.lookup(KEY_INDEX, user);
        if (!(a instanceof LeverAccount l)) return null;
        return MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8), l.apiKey.getBytes(StandardCharsets.UTF_8))
                ? l
                : null;
    }

    static String codeFor(int status) {
        switch (status) {
            case 400:
                return "BadRequest";
            case 401:
                return "Unauthorized";
            case 403:
                return "NotAuthorized";
            case 404:
                return "ResourceNotFound";
            case 405:
                return "MethodNotAllowed";
            case 409:
                return "Conflict";
            case 413:
                return "RequestEntityTooLarge";
            case 422:
                return "UnprocessableEntity";
            case 429:
                return "TooManyRequests";
            default:
                return status >= 500 ? "InternalServer" : "BadRequest";
        }
    }

    /** Lever's error body {code, message} (docs/providers/lever.md "Errors"). */
    static Resp error(int status, String message) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("code", codeFor(status));
        b.put("message", message);
        return Resp.json(status, b);
    }

    private static Resp methodNotAllowed() {
        return LeverOAuth.errorPage(405, "Method not allowed", "Use GET for /authorize and POST for the consent form.");
    }

    /** 429 without headers by default; the "retry_after" quirk adds Retry-After. */
    static Resp tooMany(LeverAccount acc, long retryAfter) {
        Resp r = error(429, "Rate limit exceeded");
        if ("on".equals(acc.quirk("retry_after"))) r.header("Retry-After", String.valueOf(Math.max(1, retryAfter)));
        return r;
    }
}
