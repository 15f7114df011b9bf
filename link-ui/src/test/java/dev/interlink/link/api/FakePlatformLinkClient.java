package dev.interlink.link.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** An in-memory platform-api for view and filter tests. */
public final class FakePlatformLinkClient implements PlatformLinkClient {
    private final Map<String, LinkSession> sessions = new HashMap<>();
    private final Map<String, String> tokenProblems = new HashMap<>();
    private final List<Function<Map<String, String>, CreatedAccount>> answers = new ArrayList<>();
    /** Copies of what each createAccount call received, taken at call time. */
    public final List<Map<String, String>> submitted = new ArrayList<>();
    /** The very map objects the view handed over (to check they are emptied afterwards). */
    public final List<Map<String, String>> handedOver = new ArrayList<>();

    public FakePlatformLinkClient session(String token, LinkSession session) {
        sessions.put(token, session);
        return this;
    }

    public FakePlatformLinkClient tokenProblem(String token, String code) {
        tokenProblems.put(token, code);
        return this;
    }

    /** Queues the answer of the next createAccount call; without one the call succeeds. */
    public FakePlatformLinkClient answer(Function<Map<String, String>, CreatedAccount> answer) {
        answers.add(answer);
        return this;
    }

    public FakePlatformLinkClient failNextSubmit(int status, String code, String detail, Problem.FieldError... errors) {
        return answer(c -> {
            throw problem(status, code, detail, errors);
        });
    }

    /** The token is used up from now on, as after a successful link (OAuth callbacks consume it elsewhere). */
    public FakePlatformLinkClient consume(String token) {
        sessions.remove(token);
        return tokenProblem(token, ProblemCode.TOKEN_CONSUMED);
    }

    public static PlatformProblemException problem(
            int status, String code, String detail, Problem.FieldError... errors) {
        Boolean retryable = status >= 500 ? Boolean.TRUE : null;
        return new PlatformProblemException(
                new Problem("about:blank", code, status, detail, code, "req_test", List.of(errors), retryable));
    }

    @Override
    public LinkSession fetchSession(String linkToken) {
        LinkSession session = sessions.get(linkToken);
        if (session != null) {
            return session;
        }
        throw problem(401, tokenProblems.getOrDefault(linkToken, ProblemCode.TOKEN_INVALID), null);
    }

    @Override
    public CreatedAccount createAccount(String linkToken, String provider, Map<String, String> credentials) {
        fetchSession(linkToken);
        submitted.add(new LinkedHashMap<>(credentials));
        handedOver.add(credentials);
        if (!answers.isEmpty()) {
            return answers.remove(0).apply(credentials);
        }
        return new CreatedAccount(
                "ia_test1", provider, "active", sessions.get(linkToken).reauth() != null);
    }

    // ---- fixtures ----

    public static ProviderInfo cats() {
        return new ProviderInfo(
                "cats",
                "CATS",
                "ats",
                "http://127.0.0.1:8080/integrations/cats/logo.svg",
                "API_KEY",
                List.of(new CatalogField(
                        "api_key",
                        "API key",
                        "In CATS: Settings › Administration › API › API keys.",
                        true,
                        true,
                        "^\\S{8,}$",
                        null)));
    }

    public static ProviderInfo loxo() {
        return new ProviderInfo(
                "loxo",
                "Loxo",
                "ats",
                null,
                "API_KEY",
                List.of(
                        new CatalogField(
                                "agency_slug", "Agency slug", "Your agency.", false, true, "^[a-z0-9-]+$", null),
                        new CatalogField("api_key", "API key", null, true, true, "^\\S{8,}$", null),
                        new CatalogField("domain", "Domain", null, false, false, null, "app.loxo.co")));
    }

    public static ProviderInfo lever() {
        return new ProviderInfo(
                "lever",
                "Lever",
                "ats",
                null,
                ProviderInfo.OAUTH2,
                List.of(new CatalogField("access_token", "Access token", null, true, true, null, null)));
    }

    public static ProviderInfo simple(String id, String name) {
        return new ProviderInfo(id, name, "ats", null, "API_KEY", cats().fields());
    }

    public static LinkSession session(ProviderInfo... providers) {
        return new LinkSession(
                new LinkSession.Tenant("Acme Recruiting"),
                new LinkSession.EndUser("cust-42", "Jane", "jane@example.com"),
                List.of(providers),
                null,
                List.of("http://localhost:8095"),
                Instant.parse("2099-01-01T00:00:00Z"));
    }

    public static LinkSession reauthSession(ProviderInfo provider, String accountId) {
        LinkSession s = session(provider);
        return new LinkSession(
                s.tenant(),
                s.endUser(),
                s.providers(),
                new LinkSession.Reauth(accountId, provider.id()),
                s.allowedOrigins(),
                s.expiresAt());
    }
}
