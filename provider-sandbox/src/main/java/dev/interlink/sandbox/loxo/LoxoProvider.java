package dev.interlink.sandbox.loxo;

import dev.interlink.sandbox.common.ApiException;
import dev.interlink.sandbox.common.FaultInjector;
import dev.interlink.sandbox.common.RateLimiter;
import dev.interlink.sandbox.common.Registry;
import dev.interlink.sandbox.common.Req;
import dev.interlink.sandbox.common.Resp;
import dev.interlink.sandbox.common.Router;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loxo front door for {@code /api/{agency_slug}/...}: unknown slug 404, bad key 401 (shapes [INF], loxo-api.md
 * §1), then faults, the per-key token bucket (§3) and the route.
 */
public final class LoxoProvider {
    private final Registry registry;
    private final Router router = new Router();

    public LoxoProvider(Registry registry) {
        this.registry = registry;
        LoxoPeopleRoutes.register(router);
        LoxoJobRoutes.register(router);
        LoxoMiscRoutes.register(router);
        LoxoReferenceRoutes.register(router);
    }

    public Resp handle(String slug, Req req) {
        LoxoAccount acc = (LoxoAccount) registry.loxoBySlug(slug);
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
