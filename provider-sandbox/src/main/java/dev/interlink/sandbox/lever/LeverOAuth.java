package dev.interlink.sandbox.lever;

import dev.interlink.sandbox.common.Account;
import dev.interlink.sandbox.common.ApiException;
import dev.interlink.sandbox.common.Json;
import dev.interlink.sandbox.common.Registry;
import dev.interlink.sandbox.common.Req;
import dev.interlink.sandbox.common.Resp;
import dev.interlink.sandbox.spi.OAuthServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lever's authorization server (Auth0-hosted in reality), as docs/providers/lever.md "OAuth" describes it:
 * {@code GET /authorize} with a consent page, {@code POST /oauth/token} for authorization_code and refresh_token,
 * rotating refresh tokens with reuse detection, idle and absolute lifetimes on the sandbox clock, and Auth0's
 * error bodies. Mounted at {@code /lever/auth} (standing for {@code https://auth.lever.co}).
 */
final class LeverOAuth implements OAuthServer {
    static final String AUDIENCE = "https://api.lever.co/v1/";
    static final String ISSUER = "https://auth.lever.co/";
    static final String CLAIM_USER = "https://oauth.lever.co/userId";
    static final String CLAIM_ACCOUNT = "https://oauth.lever.co/accountId";
    static final String CLAIM_CLIENT = "https://oauth.lever.co/clientId";
    /** Sandbox-only claims: which sandbox account, and the token generation (expire/revoke bump it). */
    static final String CLAIM_SANDBOX_ACCOUNT = "https://sandbox.interlink.dev/account";

    static final String CLAIM_GEN = "https://sandbox.interlink.dev/gen";
    /** Exact expiry in ms ({@code exp} has whole seconds, rounded up), so a 1 s lifetime is 1 s. */
    static final String CLAIM_EXP_MS = "https://sandbox.interlink.dev/exp_ms";

    static final String CLIENT_INDEX = "lever.client_id";

    /** Lever's scope list (docs/providers/lever.md "Scopes"). */
    static final List<String> SCOPES;

    static {
        List<String> s = new ArrayList<>(List.of("offline_access"));
        for (String r : List.of(
                "applications",
                "archive_reasons",
                "audit_events",
                "diversity_surveys",
                "eeo_responses",
                "eeo_responses_pii",
                "offers",
                "referrals",
                "resumes",
                "sources",
                "stages",
                "tags",
                "tasks")) s.add(r + ":read:admin");
        s.add("confidential:access:admin");
        s.add("uploads:write:admin");
        for (String rw : List.of(
                "contact",
                "feedback",
                "feedback_templates",
                "files",
                "forms",
                "form_templates",
                "groups",
                "interviews",
                "notes",
                "opportunities",
                "panels",
                "permissions",
                "postings",
                "requisitions",
                "requisition_fields",
                "roles",
                "users",
                "webhooks")) {
            s.add(rw + ":read:admin");
            s.add(rw + ":write:admin");
        }
        SCOPES = List.copyOf(s);
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    // ---- state records ----

    /** Per-account switches ({@code PUT /_sandbox/accounts/{id}/oauth/settings}). */
    static final class Settings {
        static final long DAY = 86400;
        volatile String rotation = "strict";
        volatile long graceSeconds = 60;
        volatile long accessTtlSeconds = 3600;
        /** false = consent page; "allow" / "deny" = redirect at once. */
        volatile String autoConsent = "off";

        volatile long tokenDelayMs = 0;
        volatile int tokenFailStatus = 0;
        volatile long refreshIdleSeconds = 90 * DAY;
        volatile long refreshAbsoluteSeconds = 365 * DAY;
        volatile long codeTtlSeconds = 600;

        synchronized Map<String, Object> apply(Map<String, Object> b) {
            for (Map.Entry<String, Object> e : b.entrySet()) {
                Object v = e.getValue();
                switch (e.getKey()) {
                    case "rotation" -> {
                        String r = v == null ? "strict" : v.toString();
                        if (!Set.of("strict", "grace", "non-rotating").contains(r))
                            throw new ApiException(400, "rotation must be strict, grace or non-rotating");
                        rotation = r;
                    }
                    case "grace_seconds" -> graceSeconds = v == null ? 60 : nonNegative(e.getKey(), v);
                    case "access_ttl_seconds" -> {
                        long t = v == null ? 3600 : nonNegative(e.getKey(), v);
                        if (t < 1) throw new ApiException(400, "access_ttl_seconds must be >= 1");
                        accessTtlSeconds = t;
                    }
                    case "auto_consent" -> {
                        String a = v == null || Boolean.FALSE.equals(v) ? "off" : v.toString();
                        if (a.equals("true")) a = "allow";
                        if (a.equals("false")) a = "off";
                        if (!Set.of("off", "allow", "deny").contains(a))
                            throw new ApiException(400, "auto_consent must be true, false, \"allow\" or \"deny\"");
                        autoConsent = a;
                    }
                    case "token_delay_ms" -> tokenDelayMs = v == null ? 0 : nonNegative(e.getKey(), v);
                    case "token_fail_status" -> {
                        int s = v == null ? 0 : (int) nonNegative(e.getKey(), v);
                        if (s != 0 && (s < 400 || s > 599))
                            throw new ApiException(400, "token_fail_status must be 400..599, or 0/null to reset");
                        tokenFailStatus = s;
                    }
                    case "refresh_idle_seconds" -> refreshIdleSeconds =
                            v == null ? 90 * DAY : nonNegative(e.getKey(), v);
                    case "refresh_absolute_seconds" -> refreshAbsoluteSeconds =
                            v == null ? 365 * DAY : nonNegative(e.getKey(), v);
                    case "code_ttl_seconds" -> codeTtlSeconds = v == null ? 600 : nonNegative(e.getKey(), v);
                    default -> throw new ApiException(
                            400,
                            "unknown setting " + e.getKey() + "; known: "
                                    + describe().keySet());
                }
            }
            return describe();
        }

        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rotation", rotation);
            m.put("grace_seconds", graceSeconds);
            m.put("access_ttl_seconds", accessTtlSeconds);
            m.put(
                    "auto_consent",
                    autoConsent.equals("off") ? (Object) false : autoConsent.equals("allow") ? (Object) true : "deny");
            m.put("token_delay_ms", tokenDelayMs);
            m.put("token_fail_status", tokenFailStatus == 0 ? null : tokenFailStatus);
            m.put("refresh_idle_seconds", refreshIdleSeconds);
            m.put("refresh_absolute_seconds", refreshAbsoluteSeconds);
            m.put("code_ttl_seconds", codeTtlSeconds);
            return m;
        }

        private static long nonNegative(String k, Object v) {
            long n;
            try {
                n = v instanceof Number num ? num.longValue() : (long) Double.parseDouble(v.toString());
            } catch (NumberFormatException e) {
                throw new ApiException(400, k + " needs a number");
            }
            if (n < 0) throw new ApiException(400, k + " must be >= 0");
            return n;
        }
    }

    /** A consent screen waiting for Allow/Deny. */
    record Pending(
            String redirectUri, String state, String scope, String challenge, String challengeMethod, long expiresAt) {}

    /** An unused authorization code. */
    record Code(
            String redirectUri,
            String scope,
            String challenge,
            String challengeMethod,
            String userId,
            long expiresAt) {}

    /** A refresh-token family: everything rotated from one consent. Guarded by its own monitor. */
    static final class Family {
        final String scope;
        final String userId;
        final long createdAt;
        long lastUsedAt;
        boolean revoked;

        Family(String scope, String userId, long createdAt) {
            this.scope = scope;
            this.userId = userId;
            this.createdAt = createdAt;
            this.lastUsedAt = createdAt;
        }
    }

    /** One refresh token; {@code usedAt} is when it was first exchanged (-1 = never), guarded by the family. */
    static final class RefreshToken {
        final Family family;
        long usedAt = -1;

        RefreshToken(Family family) {
            this.family = family;
        }
    }

    private final Registry registry;
    private final Jwt jwt;

    LeverOAuth(Registry registry) {
        this.registry = registry;
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        this.jwt = new Jwt(key, "sandbox-" + Long.toHexString(RANDOM.nextLong()));
    }

    // ---- GET /authorize, POST /authorize/decision ----

    Resp authorize(Req req) {
        String clientId = req.q("client_id");
        LeverAccount acc = (LeverAccount) registry.lookup(CLIENT_INDEX, clientId);
        // never redirect to an unverified redirect_uri: an error page instead (the real page shows "undefined")
        if (acc == null)
            return errorPage(400, "ClientID not found", "No application is registered with this client_id.");
        Resp r = authorize(acc, req);
        acc.counters.record("GET /authorize", String.valueOf(r.status));
        return r;
    }

    private Resp authorize(LeverAccount acc, Req req) {
        String redirectUri = req.q("redirect_uri");
        if (redirectUri == null || !acc.redirectUris.contains(redirectUri))
            return errorPage(
                    400, "Callback URL mismatch", "The redirect_uri is not one registered for this application.");
        String state = req.q("state");
        if (!"code".equals(req.q("response_type")))
            return errorRedirect(
                    redirectUri,
                    "unsupported_response_type",
                    "Unsupported response type: " + req.q("response_type"),
                    state);
        if (state == null || state.isEmpty())
            return errorRedirect(redirectUri, "invalid_request", "Missing required parameter: state", null);
        String challenge = req.q("code_challenge");
        String method = req.q("code_challenge_method");
        if (challenge != null && method == null) method = "plain";
        if (method != null && !method.equals("S256") && !method.equals("plain"))
            return errorRedirect(redirectUri, "invalid_request", "Unsupported code_challenge_method", state);
        if (method != null && challenge == null)
            return errorRedirect(redirectUri, "invalid_request", "Missing required parameter: code_challenge", state);
        String scope = grantable(req.q("scope"), req.q("audience"));
        Pending p = new Pending(
                redirectUri, state, scope, challenge, method, acc.now() + acc.settings.codeTtlSeconds * 1000);
        switch (acc.settings.autoConsent) {
            case "allow":
                return allow(acc, p);
            case "deny":
                return deny(p);
            default:
                break;
        }
        String txn = acc.accountId + "." + random(18);
        acc.pending.put(txn, p);
        return consentPage(acc, txn, p, req.baseUrl);
    }

    Resp decision(Req req) {
        Map<String, String> form = form(req);
        String txn = form.get("txn");
        int dot = txn == null ? -1 : txn.indexOf('.');
        LeverAccount acc = null;
        Pending p = null;
        if (dot > 0) {
            try {
                if (registry.byId(txn.substring(0, dot)) instanceof LeverAccount l) {
                    acc = l;
                    p = l.pending.remove(txn);
                }
            } catch (ApiException e) {
                // unknown account: an invalid transaction
            }
        }
        if (p == null || p.expiresAt() < acc.now()) {
            if (acc != null) acc.counters.record("POST /authorize/decision", "400");
            return errorPage(400, "Invalid transaction", "This consent screen has expired or was already answered.");
        }
        acc.counters.record("POST /authorize/decision", "302");
        if ("allow".equals(form.get("decision"))) return allow(acc, p);
        return deny(p);
    }

    private Resp allow(LeverAccount acc, Pending p) {
        String code = random(12);
        acc.codes.put(
                code,
                new Code(
                        p.redirectUri(),
                        p.scope(),
                        p.challenge(),
                        p.challengeMethod(),
                        acc.data.superAdminId(),
                        acc.now() + acc.settings.codeTtlSeconds * 1000));
        return redirect(p.redirectUri(), "state", p.state(), "code", code);
    }

    private static Resp deny(Pending p) {
        return errorRedirect(p.redirectUri(), "access_denied", "user_did_not_authorize_the_request", p.state());
    }

    /** The scopes that would be granted: known ones only; a wrong or missing audience grants offline_access only. */
    static String grantable(String requested, String audience) {
        Set<String> out = new LinkedHashSet<>();
        boolean audienceOk = AUDIENCE.equals(audience);
        if (requested != null)
            for (String s : requested.trim().split("\\s+")) {
                if (!SCOPES.contains(s)) continue;
                if (audienceOk || s.equals("offline_access")) out.add(s);
            }
        return String.join(" ", out);
    }

    // ---- POST /oauth/token ----

    Resp token(Req req) {
        Map<String, String> p = params(req);
        String clientId = p.get("client_id");
        String secret = p.get("client_secret");
        String basic = req.header.apply("Authorization");
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String dec =
                        new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = dec.indexOf(':');
                if (colon > 0) {
                    clientId = Req.parseQuery("x=" + dec.substring(0, colon))
                            .get("x")
                            .get(0);
                    secret = dec.substring(colon + 1);
                }
            } catch (IllegalArgumentException e) {
                return oauthError(401, "access_denied", "Unauthorized");
            }
        }
        LeverAccount acc = (LeverAccount) registry.lookup(CLIENT_INDEX, clientId);
        if (acc == null) return oauthError(401, "access_denied", "Unauthorized");
        Resp r = tokenFor(acc, p, secret);
        acc.counters.record("POST /oauth/token", String.valueOf(r.status));
        if ("invalid_grant".equals(errorOf(r))) acc.invalidGrant.increment();
        return r.header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }

    private Resp tokenFor(LeverAccount acc, Map<String, String> p, String secret) {
        Settings s = acc.settings;
        if (s.tokenDelayMs > 0) sleep(s.tokenDelayMs);
        int fail = s.tokenFailStatus;
        if (fail != 0) {
            if (fail == 429) return oauthError(429, "too_many_requests", "Global limit has been reached");
            if (fail >= 500)
                return oauthError(fail, "temporarily_unavailable", "The service is temporarily unavailable");
            return oauthError(fail, "server_error", "Injected failure");
        }
        if (secret == null
                || !MessageDigest.isEqual(
                        secret.getBytes(StandardCharsets.UTF_8), acc.clientSecret.getBytes(StandardCharsets.UTF_8)))
            return oauthError(401, "access_denied", "Unauthorized");
        String grant = p.get("grant_type");
        if (grant == null || grant.isEmpty())
            return oauthError(400, "invalid_request", "Missing required parameter: grant_type");
        switch (grant) {
            case "authorization_code":
                return codeGrant(acc, p);
            case "refresh_token":
                return refreshGrant(acc, p);
            default:
                return oauthError(403, "unsupported_grant_type", "Unsupported grant type: " + grant);
        }
    }

    private Resp codeGrant(LeverAccount acc, Map<String, String> p) {
        String codeValue = p.get("code");
        if (codeValue == null || codeValue.isEmpty())
            return oauthError(400, "invalid_request", "Missing required parameter: code");
        Code c = acc.codes.remove(codeValue); // single use: whoever removes it owns it
        if (c == null || c.expiresAt() < acc.now() || !c.redirectUri().equals(p.get("redirect_uri")))
            return oauthError(403, "invalid_grant", "Invalid authorization code");
        if (c.challenge() != null) {
            String verifier = p.get("code_verifier");
            if (verifier == null || !c.challenge().equals(challengeOf(verifier, c.challengeMethod())))
                return oauthError(403, "invalid_grant", "Failed to verify code verifier");
        }
        acc.grantsAuthorizationCode.increment();
        return Resp.json(200, tokenJson(issue(acc, c.scope(), c.userId())));
    }

    private Resp refreshGrant(LeverAccount acc, Map<String, String> p) {
        String value = p.get("refresh_token");
        if (value == null || value.isEmpty())
            return oauthError(400, "invalid_request", "Missing required parameter: refresh_token");
        RefreshToken t = acc.refreshTokens.get(value);
        if (t == null) return invalidRefresh();
        Settings s = acc.settings;
        Family f = t.family;
        String newValue;
        synchronized (f) {
            long now = acc.now();
            if (f.revoked) return invalidRefresh();
            if (now > f.createdAt + s.refreshAbsoluteSeconds * 1000 || now > f.lastUsedAt + s.refreshIdleSeconds * 1000)
                return invalidRefresh();
            switch (s.rotation) {
                case "non-rotating":
                    newValue = value;
                    break;
                case "grace":
                    if (t.usedAt >= 0 && now - t.usedAt > s.graceSeconds * 1000) {
                        f.revoked = true; // reuse outside the window: a breach, the family dies
                        return invalidRefresh();
                    }
                    if (t.usedAt < 0) t.usedAt = now;
                    newValue = newRefreshToken(acc, f);
                    break;
                default: // strict
                    if (t.usedAt >= 0) {
                        f.revoked = true;
                        return invalidRefresh();
                    }
                    t.usedAt = now;
                    newValue = newRefreshToken(acc, f);
                    break;
            }
            f.lastUsedAt = now;
        }
        acc.grantsRefreshToken.increment();
        Tokens out = new Tokens(accessToken(acc, f.scope, f.userId), newValue, s.accessTtlSeconds, f.scope);
        return Resp.json(200, tokenJson(out));
    }

    private static Resp invalidRefresh() {
        return oauthError(403, "invalid_grant", "Unknown or invalid refresh token.");
    }

    // ---- issuing ----

    /** Access token, plus a refresh token in a new family when offline_access is in scope. */
    Tokens issue(LeverAccount acc, String scope, String userId) {
        String refresh = null;
        if (List.of(scope.split(" ")).contains("offline_access")) {
            Family f = new Family(scope, userId, acc.now());
            synchronized (f) {
                refresh = newRefreshToken(acc, f);
            }
        }
        return new Tokens(accessToken(acc, scope, userId), refresh, acc.settings.accessTtlSeconds, scope);
    }

    private static String newRefreshToken(LeverAccount acc, Family f) {
        String v = "v1." + random(54);
        acc.refreshTokens.put(v, new RefreshToken(f));
        return v;
    }

    private String accessToken(LeverAccount acc, String scope, String userId) {
        long nowMs = acc.now();
        long iat = nowMs / 1000;
        long exp = (nowMs + acc.settings.accessTtlSeconds * 1000 + 999) / 1000;
        Map<String, Object> c = new LinkedHashMap<>();
        c.put(CLAIM_USER, userId);
        c.put(CLAIM_ACCOUNT, acc.data.leverAccountId);
        c.put(CLAIM_CLIENT, acc.clientId);
        c.put("iss", ISSUER);
        c.put("sub", "auth0|" + userId);
        c.put("aud", AUDIENCE);
        c.put("iat", iat);
        c.put("exp", exp);
        c.put("azp", acc.clientId);
        c.put("scope", scope);
        c.put("jti", random(12));
        c.put(CLAIM_SANDBOX_ACCOUNT, acc.accountId);
        c.put(CLAIM_GEN, acc.tokenGeneration.get());
        c.put(CLAIM_EXP_MS, nowMs + acc.settings.accessTtlSeconds * 1000);
        return jwt.sign(c);
    }

    static Map<String, Object> tokenJson(Tokens t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("access_token", t.accessToken());
        if (t.refreshToken() != null) m.put("refresh_token", t.refreshToken());
        m.put("token_type", "Bearer");
        m.put("scope", t.scope());
        m.put("expires_in", t.expiresIn());
        return m;
    }

    // ---- verifying (the data API's side) ----

    /** The outcome of checking a Bearer token: the account and scopes, or the error to answer. */
    record Verified(LeverAccount account, Set<String> scopes, String userId, Resp error) {}

    Verified verify(String token) {
        Jwt.Decoded d = jwt.decode(token);
        if (d == null) return fail(401, "Invalid token");
        // a token signed by another issuer (e.g. the other environment): the JWKS lookup fails
        if (!d.signedByUs()) return fail(403, "Unable to find a signing key that matches");
        if (!d.valid()) return fail(401, "Invalid token");
        Map<String, Object> c = d.claims();
        Account a;
        try {
            a = registry.byId(String.valueOf(c.get(CLAIM_SANDBOX_ACCOUNT)));
        } catch (ApiException e) {
            return fail(401, "Invalid token");
        }
        if (!(a instanceof LeverAccount acc)) return fail(401, "Invalid token");
        if (!AUDIENCE.equals(c.get("aud"))) return fail(401, "Invalid token");
        long expMs = ((Number) c.getOrDefault(CLAIM_EXP_MS, 0)).longValue();
        long gen = ((Number) c.getOrDefault(CLAIM_GEN, -1)).longValue();
        if (acc.now() >= expMs || gen != acc.tokenGeneration.get()) return fail(401, "Invalid token");
        Set<String> scopes =
                new LinkedHashSet<>(List.of(String.valueOf(c.get("scope")).split(" ")));
        return new Verified(acc, scopes, String.valueOf(c.get(CLAIM_USER)), null);
    }

    private static Verified fail(int status, String message) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("code", status == 401 ? "Unauthorized" : "NotAuthorized");
        b.put("message", message);
        return new Verified(null, null, null, Resp.json(status, b));
    }

    // ---- OAuthServer (the sandbox's Java and control API) ----

    @Override
    public Client client(Account account, String origin) {
        LeverAccount a = (LeverAccount) account;
        String auth = origin + LeverProvider.AUTH_MOUNT;
        return new Client(
                a.clientId,
                a.clientSecret,
                a.redirectUris,
                auth + "/authorize",
                auth + "/oauth/token",
                AUDIENCE,
                SCOPES);
    }

    @Override
    public Tokens mint(Account account, String scope) {
        LeverAccount a = (LeverAccount) account;
        String granted = scope == null || scope.isBlank() ? String.join(" ", SCOPES) : grantable(scope, AUDIENCE);
        return issue(a, granted, a.data.superAdminId());
    }

    @Override
    public void expireAccessTokens(Account account) {
        ((LeverAccount) account).tokenGeneration.incrementAndGet();
    }

    @Override
    public void revoke(Account account) {
        LeverAccount a = (LeverAccount) account;
        for (RefreshToken t : a.refreshTokens.values()) {
            synchronized (t.family) {
                t.family.revoked = true;
            }
        }
        a.codes.clear();
        a.tokenGeneration.incrementAndGet();
    }

    @Override
    public Map<String, Object> settings(Account account, Map<String, Object> changes) {
        return ((LeverAccount) account).settings.apply(changes);
    }

    // ---- helpers ----

    static String challengeOf(String verifier, String method) {
        if ("plain".equals(method)) return verifier;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Form or JSON body (Lever's own example app posts JSON); the query string counts too for GET-style clients. */
    static Map<String, String> params(Req req) {
        Map<String, String> out = new LinkedHashMap<>();
        if (req.body.length > 0) {
            if (req.contentType.equals("application/json") || req.contentType.endsWith("+json")) {
                Json.object(req.body).forEach((k, v) -> {
                    if (v != null) out.put(k, v.toString());
                });
            } else {
                out.putAll(form(req));
            }
        }
        return out;
    }

    static Map<String, String> form(Req req) {
        Map<String, String> out = new LinkedHashMap<>();
        Req.parseQuery(new String(req.body, StandardCharsets.UTF_8)).forEach((k, v) -> out.put(k, v.get(0)));
        return out;
    }

    static Resp oauthError(int status, String error, String description) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("error", error);
        b.put("error_description", description);
        return Resp.json(status, b);
    }

    private static String errorOf(Resp r) {
        if (r.status < 400) return null;
        try {
            Object e = Json.object(r.body).get("error");
            return e == null ? null : e.toString();
        } catch (ApiException e) {
            return null;
        }
    }

    static Resp errorRedirect(String uri, String error, String description, String state) {
        return state == null
                ? redirect(uri, "error", error, "error_description", description)
                : redirect(uri, "state", state, "error", error, "error_description", description);
    }

    static Resp redirect(String uri, String... kv) {
        StringBuilder sb = new StringBuilder(uri).append(uri.contains("?") ? '&' : '?');
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (i > 0) sb.append('&');
            sb.append(kv[i]).append('=').append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
        }
        return Resp.empty(302).header("Location", sb.toString()).header("Cache-Control", "no-store");
    }

    private Resp consentPage(LeverAccount acc, String txn, Pending p, String authBase) {
        StringBuilder scopes = new StringBuilder();
        for (String s : p.scope().split(" "))
            if (!s.isEmpty()) scopes.append("<li>").append(esc(s)).append("</li>");
        String action = authBase + "/auth/authorize/decision";
        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Authorize application</title></head>"
                + "<body><h1>Authorize application</h1>"
                + "<p>The application <b id=\"client\">" + esc(acc.clientId) + "</b> wants to access your Lever account"
                + " <b>" + esc(acc.data.leverAccountId) + "</b> as a Super Admin:</p><ul id=\"scopes\">" + scopes
                + "</ul>"
                + "<form method=\"post\" action=\"" + esc(action) + "\">"
                + "<input type=\"hidden\" name=\"txn\" value=\"" + esc(txn) + "\">"
                + "<button type=\"submit\" id=\"allow\" name=\"decision\" value=\"allow\">Allow</button> "
                + "<button type=\"submit\" id=\"deny\" name=\"decision\" value=\"deny\">Deny</button>"
                + "</form></body></html>";
        return Resp.bytes(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8))
                .header("Cache-Control", "no-store");
    }

    static Resp errorPage(int status, String title, String text) {
        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title></head>"
                + "<body><h1 id=\"error\">" + esc(title) + "</h1><p>" + esc(text) + "</p></body></html>";
        return Resp.bytes(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
