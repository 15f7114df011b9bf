package dev.interlink.sandbox.lever;

import dev.interlink.sandbox.common.ApiException;
import dev.interlink.sandbox.common.Json;
import dev.interlink.sandbox.common.Req;
import dev.interlink.sandbox.common.Resp;
import dev.interlink.sandbox.common.Router;
import dev.interlink.sandbox.spi.OAuthServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lever's control routes below {@code /_sandbox/accounts/{id}/} (admin token as for every control route): OAuth
 * tokens, expiry, revocation and settings; the recruiter's moves (stage, archive) that fire webhooks; the webhook
 * delivery log. Documented in provider-sandbox/README.md and docs/providers/lever.md.
 */
final class LeverControl {
    private LeverControl() {}

    static void register(Router r, LeverOAuth oauth, LeverProvider provider) {
        String base = "/_sandbox/accounts/{id}";
        r.post(base + "/oauth/tokens", req -> {
                    Map<String, Object> b = Json.object(req.body);
                    Object scope = b.get("scope");
                    OAuthServer.Tokens t = oauth.mint(acc(req), scope == null ? null : scope.toString());
                    return Resp.json(200, LeverOAuth.tokenJson(t));
                })
                .post(base + "/oauth/expire", req -> {
                    oauth.expireAccessTokens(acc(req));
                    return Resp.empty(204);
                })
                .post(base + "/oauth/revoke", req -> {
                    oauth.revoke(acc(req));
                    return Resp.empty(204);
                })
                .get(
                        base + "/oauth/settings",
                        req -> Resp.json(200, acc(req).settings.describe()))
                .put(base + "/oauth/settings", req -> Resp.json(200, oauth.settings(acc(req), Json.object(req.body))))
                .post(base + "/opportunities/{oid}/stage", req -> {
                    LeverAccount a = acc(req);
                    Map<String, Object> b = Json.object(req.body);
                    synchronized (a) {
                        Map<String, Object> o = LeverRoutes.moveStage(
                                provider, a, req.params.get("oid"), str(b.get("stage")), performAs(a, b));
                        return Resp.json(200, LeverRoutes.wrap(LeverRoutes.publicView(o)));
                    }
                })
                .post(base + "/opportunities/{oid}/archived", req -> {
                    LeverAccount a = acc(req);
                    Map<String, Object> b = Json.object(req.body);
                    if (!b.containsKey("reason")) throw new ApiException(400, "reason is required (null unarchives)");
                    synchronized (a) {
                        Map<String, Object> o = LeverRoutes.archive(
                                provider, a, req.params.get("oid"), str(b.get("reason")), performAs(a, b));
                        return Resp.json(200, LeverRoutes.wrap(LeverRoutes.publicView(o)));
                    }
                })
                .get(base + "/opportunities/{oid}/history", req -> {
                    Map<String, Object> o = LeverRoutes.opportunity(acc(req), req.params.get("oid"));
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("stageChanges", o.get("stageChanges"));
                    m.put("archiveChanges", o.getOrDefault("_archiveChanges", List.of()));
                    return Resp.json(200, m);
                })
                .get(base + "/webhooks/deliveries", req -> Resp.json(200, List.copyOf(acc(req).deliveries)));
    }

    private static LeverAccount acc(Req req) {
        return (LeverAccount) req.account;
    }

    /** The recruiter: {@code perform_as} in the body, else the account's Super Admin. */
    private static String performAs(LeverAccount a, Map<String, Object> b) {
        Object u = b.get("perform_as");
        return u == null ? a.data.superAdminId() : u.toString();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
