package dev.interlink.sandbox.cats;

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
import dev.interlink.sandbox.spi.ProviderInfo;
import dev.interlink.sandbox.spi.SimulatedProvider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CATS v3 front door, in the order the real API checks things (docs/providers/cats.md §1.1, §8): Content-Type (415) before
 * auth, auth (401) before routing, then faults, the rate limit and finally the route.
 */
public final class CatsProvider implements SimulatedProvider {
    public static final String ID = "cats";
    /** {@code /cats/v3} stands for {@code https://api.catsone.com/v3}. */
    static final String MOUNT = "/cats/v3";
    /** Registry index: API key → account. */
    static final String KEY_INDEX = "cats.api_key";

    private final Registry registry;
    private final Router router = new Router();

    public CatsProvider(Registry registry) {
        this.registry = registry;
        CatsCandidateExtras.register(router); // literal /candidates/lists etc. before /candidates/{id}
        CatsCandidateRoutes.register(router);
        CatsJobRoutes.register(router);
        CatsPipelineRoutes.register(router);
        CatsMiscRoutes.register(router);
        CatsTaskRoutes.register(router);
        CatsContactPortalRoutes.register(router);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "CATS";
    }

    @Override
    public String mountPath() {
        return MOUNT;
    }

    @Override
    public ProviderInfo info() {
        return new ProviderInfo(ID, displayName(), MOUNT, MOUNT, "https://api.catsone.com/v3", null);
    }

    @Override
    public Account createAccount(AccountRequest r) {
        String key = r.apiKey() == null || r.apiKey().isBlank() ? Ids.secretHex(20) : r.apiKey();
        CatsAccount a = new CatsAccount(registry.nextAccountId(ID), key, r.seed(), r.size(), registry);
        registry.add(a, new Registry.Key(KEY_INDEX, key, "api_key already in use"));
        return a;
    }

    @Override
    public AccountEndpoint endpoint(Account a) {
        return new AccountEndpoint(a.apiKey, null, MOUNT);
    }

    /** Fixed, well-known demo key (offline demo; scripts/demo-setup.sh imports it). */
    @Override
    public AccountRequest demoAccount() {
        return new AccountRequest(42, 250, "demo-cats-key", null, null);
    }

    @Override
    public Resp handle(Req req) {
        String requestId = Ids.requestId();
        Resp r = serve(req);
        // every captured response carries X-Request-Id (§1 [LIVE])
        r.headers.put("X-Request-Id", requestId);
        return r;
    }

    private Resp serve(Req req) {
        // §1.1 [LIVE]: multipart is refused with 415 even when the key is bad
        if (req.contentType.startsWith("multipart/") || req.contentType.equals("application/x-www-form-urlencoded"))
            return error(415, "Unsupported Content-Type.");
        Account acc = authenticate(req.header.apply("Authorization"));
        // §1.1 [LIVE]: 401, no WWW-Authenticate, no rate headers, also for unknown paths
        if (acc == null) return error(401, "Invalid credentials.");
        CatsAccount account = (CatsAccount) acc;
        req.account = account;
        boolean[] pathMatched = new boolean[1];
        Router.Match m = router.match(req.method, req.path, pathMatched);
        String route = req.method + " " + (m == null ? "(unmatched)" : m.route().template());

        Resp fault = FaultInjector.apply(acc, req, CatsProvider::tooMany);
        if (fault != null) {
            acc.counters.record(
                    route,
                    fault.kind == Resp.Kind.NORMAL
                            ? String.valueOf(fault.status)
                            : fault.kind.name().toLowerCase());
            return fault;
        }
        RateLimiter.Decision d = acc.limiter.acquire(System.currentTimeMillis());
        Resp resp;
        if (!d.allowed()) {
            resp = tooMany(d.retryAfterSeconds());
            resp.headers.put("X-Rate-Limit-Limit", String.valueOf(d.limit()));
            resp.headers.put("X-Rate-Limit-Remaining", "0");
        } else {
            resp = route(req, m, pathMatched[0]);
            resp.headers.put("X-Rate-Limit-Limit", String.valueOf(d.limit()));
            resp.headers.put("X-Rate-Limit-Remaining", String.valueOf(d.remaining()));
        }
        acc.counters.record(route, String.valueOf(resp.status));
        return resp;
    }

    private Resp route(Req req, Router.Match m, boolean pathMatched) {
        if (m == null) return error(pathMatched ? 405 : 404, pathMatched ? "Method not allowed." : "Not found.");
        // "All PUT endpoints require a JSON body, even when empty — send {}" (§4 [LIVE] S8)
        if (req.method.equals("PUT") && req.body.length == 0) return error(400, "Request body must be a JSON object.");
        req.params = m.params();
        try {
            // writes are serialized per account so read-modify-write of a record never loses an update
            if (req.method.equals("GET")) return m.route().handler().handle(req);
            synchronized (req.account) {
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

    private Account authenticate(String header) {
        if (header == null) return null;
        String h = header.trim();
        // "Token <key>" only; Bearer is not accepted (§1 [DOC] vs old clients)
        if (h.length() < 7 || !h.regionMatches(true, 0, "Token ", 0, 6)) return null;
        return registry.lookup(KEY_INDEX, h.substring(6).trim());
    }

    static Resp error(int status, String message) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("message", message);
        return Resp.json(status, b);
    }

    /** §3: 429 + Retry-After seconds; body not observed → {"message": ...} like other errors [INF]. */
    static Resp tooMany(long retryAfter) {
        return error(429, "Too Many Requests.").header("Retry-After", String.valueOf(retryAfter));
    }
}
