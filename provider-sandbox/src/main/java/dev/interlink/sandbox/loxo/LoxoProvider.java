package dev.interlink.sandbox.loxo;

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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loxo front door for {@code /api/{agency_slug}/...}: unknown slug 404, bad key 401 (shapes [INF], docs/providers/loxo.md
 * §1), then faults, the per-key token bucket (§3) and the route.
 */
public final class LoxoProvider implements SimulatedProvider {
    public static final String ID = "loxo";
    /** {@code /loxo} stands for {@code https://{domain}}; the API lives at {@code /loxo/api/{agency_slug}}. */
    static final String ROOT = "/loxo";

    static final String MOUNT = ROOT + "/api";
    /** Registry index: agency slug → account. */
    static final String SLUG_INDEX = "loxo.agency_slug";

    private final Registry registry;
    private final Router router = new Router();

    public LoxoProvider(Registry registry) {
        this.registry = registry;
        LoxoPeopleRoutes.register(router);
        LoxoJobRoutes.register(router);
        LoxoMiscRoutes.register(router);
        LoxoReferenceRoutes.register(router);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Loxo";
    }

    @Override
    public String mountPath() {
        return MOUNT;
    }

    /** Only {@code /loxo/api/...} with the slash (a bare {@code /loxo/api} is the sandbox's generic 404). */
    @Override
    public boolean claims(String path) {
        return path.startsWith(MOUNT + "/");
    }

    @Override
    public ProviderInfo info() {
        return new ProviderInfo(ID, displayName(), ROOT, MOUNT + "/{agency_slug}", "https://{domain}", null);
    }

    @Override
    public Account createAccount(AccountRequest r) {
        String key = r.apiKey() == null || r.apiKey().isBlank() ? Ids.secretHex(64) : r.apiKey();
        String id = registry.nextAccountId(ID);
        String slug = r.agencySlug() == null || r.agencySlug().isBlank() ? "sandbox-agency-" + id : r.agencySlug();
        if (!slug.matches("[A-Za-z0-9][A-Za-z0-9_-]*"))
            throw new ApiException(400, "agency_slug must be [A-Za-z0-9_-]");
        LoxoAccount a = new LoxoAccount(id, key, slug, r.seed(), r.size(), registry);
        registry.add(a, new Registry.Key(SLUG_INDEX, slug, "agency_slug already in use"));
        return a;
    }

    @Override
    public AccountEndpoint endpoint(Account a) {
        LoxoAccount l = (LoxoAccount) a;
        return new AccountEndpoint(a.apiKey, l.slug, MOUNT + "/" + l.slug);
    }

    /** Fixed, well-known demo key and slug (offline demo; scripts/demo-setup.sh imports them). */
    @Override
    public AccountRequest demoAccount() {
        return new AccountRequest(42, 250, "demo-loxo-key", "demo-agency", null);
    }

    /** {@code req.path} is {@code /{agency_slug}/...} below {@code /loxo/api}. */
    @Override
    public Resp handle(Req req) {
        String rest = req.path.startsWith("/") ? req.path.substring(1) : req.path;
        int slash = rest.indexOf('/');
        String slug = slash < 0 ? rest : rest.substring(0, slash);
        String sub = slash < 0 ? "" : rest.substring(slash);
        return handle(slug, req.rebase(sub, req.baseUrl + "/" + slug));
    }

    public Resp handle(String slug, Req req) {
        LoxoAccount acc = (LoxoAccount) registry.lookup(SLUG_INDEX, slug);
        if (acc == null) return error(404, "Not Found");
        if (!authorized(acc, req.header.apply("Authorization"))) {
            int st = ((Number) acc.quirk("auth_failure_status")).intValue();
            acc.counters.record(null, String.valueOf(st)); // the slug names the account even when the key is bad
            return error(st, st == 403 ? "Forbidden" : "Unauthorized");
        }
        req.account = acc;
        Router.Match m = router.match(req.method, req.path, null);
        String route = req.method + " " + (m == null ? "(unmatched)" : m.route().template());
        Resp fault = FaultInjector.apply(acc, req, LoxoProvider::tooMany);
        if (fault != null) {
            acc.counters.record(
                    route,
                    fault.kind == Resp.Kind.NORMAL
                            ? String.valueOf(fault.status)
                            : fault.kind.name().toLowerCase());
            return fault;
        }
        RateLimiter.Decision d = acc.limiter.acquire(System.currentTimeMillis());
        Resp resp = d.allowed() ? route(req, m) : tooMany(d.retryAfterSeconds());
        acc.counters.record(route, String.valueOf(resp.status));
        return resp;
    }

    private static boolean authorized(LoxoAccount acc, String header) {
        if (header == null) return false;
        String h = header.trim();
        String key;
        // Bearer is the documented scheme; legacy clients send "Basic <same key>" (§1 [CLIENT], accepted [INF])
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) key = h.substring(7).trim();
        else if (h.regionMatches(true, 0, "Basic ", 0, 6)) key = h.substring(6).trim();
        else return false;
        return MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), acc.apiKey.getBytes(StandardCharsets.UTF_8));
    }

    private Resp route(Req req, Router.Match m) {
        if (m == null) return error(404, "Not Found");
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

    /** The confirmed 404 shape {"status":404,"error":"Not Found"} (§7 [LIVE]), reused for 401/429 [INF]. */
    static Resp error(int status, String error) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("status", status);
        b.put("error", error);
        return Resp.json(status, b);
    }

    static Resp tooMany(long retryAfter) {
        return error(429, "Too Many Requests").header("Retry-After", String.valueOf(retryAfter));
    }
}
