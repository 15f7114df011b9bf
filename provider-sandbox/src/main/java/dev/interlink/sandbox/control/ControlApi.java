package dev.interlink.sandbox.control;

import dev.interlink.sandbox.Sandbox;
import dev.interlink.sandbox.common.Account;
import dev.interlink.sandbox.common.ApiException;
import dev.interlink.sandbox.common.Json;
import dev.interlink.sandbox.common.Registry;
import dev.interlink.sandbox.common.Req;
import dev.interlink.sandbox.common.Resp;
import dev.interlink.sandbox.common.Router;
import dev.interlink.sandbox.spi.ProviderInfo;
import dev.interlink.sandbox.spi.SimulatedProvider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /_sandbox/*}: accounts, limits, faults, counters, reseed, the provider list, the sandbox clock, and each
 * simulator's own account routes (see {@link SimulatedProvider#controlRoutes}). Documented in
 * provider-sandbox/README.md.
 */
public final class ControlApi {
    public static final String ADMIN_HEADER = "X-Sandbox-Admin-Token";

    private final Sandbox sb;
    private final Registry registry;
    private final byte[] adminToken;
    private final Router router = new Router();
    /** provider id → its own account-scoped control routes. */
    private final Map<String, Router> providerRouters = new HashMap<>();

    public ControlApi(Sandbox sb, String adminToken, List<SimulatedProvider> providers, Registry registry) {
        this.sb = sb;
        this.registry = registry;
        this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
        for (SimulatedProvider p : providers) {
            Router r = new Router();
            p.controlRoutes(r);
            providerRouters.put(p.id(), r);
        }
        router.get(
                        "/_sandbox/providers",
                        r -> Resp.json(
                                200,
                                sb.providers().stream()
                                        .map(ProviderInfo::toJson)
                                        .toList()))
                .get("/_sandbox/demo-accounts", r -> Resp.json(200, sb.demoAccounts()))
                .get("/_sandbox/clock", r -> Resp.json(200, clock()))
                .post("/_sandbox/clock", this::advanceClock)
                .delete("/_sandbox/clock", r -> {
                    sb.resetClock();
                    return Resp.json(200, clock());
                })
                .post("/_sandbox/accounts", this::createAccount)
                .get("/_sandbox/accounts/{id}", r -> Resp.json(200, describe(r.params.get("id"))))
                .put("/_sandbox/accounts/{id}/limits", this::putLimits)
                .get("/_sandbox/accounts/{id}/limits", r -> Resp.json(200, sb.limits(r.params.get("id"))))
                .put("/_sandbox/accounts/{id}/faults", this::putFault)
                .delete("/_sandbox/accounts/{id}/faults", r -> {
                    sb.clearFault(r.params.get("id"));
                    return Resp.empty(204);
                })
                .get("/_sandbox/accounts/{id}/counters", r -> Resp.json(200, sb.counters(r.params.get("id"))))
                .delete("/_sandbox/accounts/{id}/counters", r -> {
                    sb.resetCounters(r.params.get("id"));
                    return Resp.empty(204);
                })
                .post("/_sandbox/accounts/{id}/reseed", r -> {
                    sb.reseed(r.params.get("id"));
                    return Resp.json(200, describe(r.params.get("id")));
                })
                .get("/_sandbox/accounts/{id}/quirks", r -> Resp.json(200, sb.quirks(r.params.get("id"))))
                .put("/_sandbox/accounts/{id}/quirks", r -> {
                    String id = r.params.get("id");
                    Json.object(r.body).forEach((k, v) -> sb.setQuirk(id, k, v));
                    return Resp.json(200, sb.quirks(id));
                })
                .get("/_sandbox/health", r -> Resp.json(200, Map.of("status", "ok")));
    }

    public Resp handle(Req req) {
        try {
            if (!req.path.equals("/_sandbox/health")) {
                String t = req.header.apply(ADMIN_HEADER);
                if (t == null || !MessageDigest.isEqual(adminToken, t.getBytes(StandardCharsets.UTF_8)))
                    return Resp.json(401, Map.of("error", "missing or wrong " + ADMIN_HEADER));
            }
            boolean[] pathMatched = new boolean[1];
            Router.Match m = router.match(req.method, req.path, pathMatched);
            if (m == null) m = providerRoute(req, pathMatched);
            if (m == null) return Resp.json(pathMatched[0] ? 405 : 404, Map.of("error", "no such control route"));
            req.params = m.params();
            return m.route().handler().handle(req);
        } catch (ApiException e) {
            return Resp.json(e.status, Map.of("error", e.getMessage()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Routes a simulator contributes under {@code /_sandbox/accounts/{id}/...}: only tried for accounts of that
     * simulator; the account is put into {@code req.account}.
     */
    private Router.Match providerRoute(Req req, boolean[] pathMatched) {
        String prefix = "/_sandbox/accounts/";
        if (!req.path.startsWith(prefix)) return null;
        String rest = req.path.substring(prefix.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) return null;
        String id = rest.substring(0, slash);
        Account account;
        try {
            account = registry.byId(id);
        } catch (ApiException e) {
            return null; // an unknown account: "no such control route", as for any unmatched path
        }
        Router r = providerRouters.get(account.provider);
        Router.Match m = r == null ? null : r.match(req.method, req.path, pathMatched);
        if (m != null) req.account = account;
        return m;
    }

    private Resp createAccount(Req r) {
        Map<String, Object> b = Json.object(r.body);
        Object prov = b.get("provider");
        long seed = num(b.getOrDefault("seed", 42)).longValue();
        // "size" is accepted as a synonym of "candidates" (not every provider calls its records candidates)
        int candidates = num(b.containsKey("candidates") ? b.get("candidates") : b.getOrDefault("size", 100))
                .intValue();
        Sandbox.AccountInfo info = sb.createAccount(
                prov == null ? null : prov.toString(),
                seed,
                candidates,
                str(b.get("api_key")),
                str(b.get("agency_slug")),
                b);
        Map<String, Object> out = info(info);
        out.put("seed", seed);
        out.put("candidates", candidates);
        out.putAll(sb.describeExtras(info.accountId()));
        return Resp.json(201, out).header("Location", r.baseUrl + "/_sandbox/accounts/" + info.accountId());
    }

    private Map<String, Object> describe(String id) {
        Map<String, Object> out = info(sb.account(id));
        out.putAll(sb.describeExtras(id));
        return out;
    }

    private Map<String, Object> clock() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("now_ms", sb.clockMillis());
        return m;
    }

    /** {@code {"advance_seconds": n}} or {@code {"advance_ms": n}}; answers the new time. */
    private Resp advanceClock(Req r) {
        Map<String, Object> b = Json.object(r.body);
        long ms;
        if (b.containsKey("advance_ms")) ms = num(b.get("advance_ms")).longValue();
        else if (b.containsKey("advance_seconds"))
            ms = Math.round(num(b.get("advance_seconds")).doubleValue() * 1000);
        else throw new ApiException(400, "body needs {advance_seconds} or {advance_ms}");
        sb.advanceClock(Duration.ofMillis(ms));
        return Resp.json(200, clock());
    }

    private static Map<String, Object> info(Sandbox.AccountInfo i) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("account_id", i.accountId());
        out.put("provider", i.provider());
        out.put("api_key", i.apiKey());
        if (i.agencySlug() != null) out.put("agency_slug", i.agencySlug());
        out.put("base_url", i.baseUrl());
        return out;
    }

    private Resp putLimits(Req r) {
        String id = r.params.get("id");
        Map<String, Object> b = Json.object(r.body);
        if (b.containsKey("requests")) {
            long per = num(b.getOrDefault("per_seconds", 3600)).longValue();
            sb.setRollingLimit(id, num(b.get("requests")).intValue(), per);
        } else if (b.containsKey("rate_per_second")) {
            sb.setTokenBucket(
                    id,
                    num(b.get("rate_per_second")).doubleValue(),
                    num(b.getOrDefault("burst", 10)).intValue());
        } else {
            throw new ApiException(400, "body needs {requests, per_seconds} or {rate_per_second, burst}");
        }
        return Resp.json(200, sb.limits(id));
    }

    private Resp putFault(Req r) {
        String id = r.params.get("id");
        Map<String, Object> b = Json.object(r.body);
        Object count = b.get("count");
        sb.setFault(
                id,
                str(b.get("type")),
                num(b.getOrDefault("probability", 1.0)).doubleValue(),
                count == null ? null : num(count).longValue(),
                num(b.getOrDefault("latency_ms", 0)).longValue());
        return Resp.json(200, b);
    }

    private static Number num(Object o) {
        if (o instanceof Number n) return n;
        if (o instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new ApiException(400, "expected a number, got " + o);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
