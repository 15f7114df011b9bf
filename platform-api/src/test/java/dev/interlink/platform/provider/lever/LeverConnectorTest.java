package dev.interlink.platform.provider.lever;

import dev.interlink.model.ats.Candidate;
import dev.interlink.platform.provider.ConnectorContractTest;
import dev.interlink.sandbox.Sandbox;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

class LeverConnectorTest extends ConnectorContractTest {
    private final Map<String, Sandbox.TokenPair> tokens = new ConcurrentHashMap<>();

    @Override
    protected String providerId() {
        return "lever";
    }

    /**
     * A sandbox Lever account answers an API key, but the connector authenticates with OAuth 2.0 tokens: one pair per
     * account, minted as if consent had happened, with every scope and a day-long access token (no refresh during a
     * run: refreshing is the OAuth scheme's concern, not the connector's).
     */
    @Override
    protected Map<String, String> credentials(Sandbox.AccountInfo a) {
        Sandbox.TokenPair t = tokens.computeIfAbsent(a.accountId(), id -> {
            sandbox.oauthSettings(id, Map.of("access_ttl_seconds", 86400));
            return sandbox.mintTokens(id, null);
        });
        Map<String, String> c = new HashMap<>();
        c.put("access_token", t.accessToken());
        if (t.refreshToken() != null) c.put("refresh_token", t.refreshToken());
        return c;
    }

    /**
     * Lever documents no Retry-After (docs/providers/lever.md §4) and the simulator sends none by default, so the
     * contract's check that a provider's Retry-After reaches the caller runs with the simulator's {@code retry_after}
     * switch on. Only 429s carry it; LeverQuirksTest covers the 429 without one.
     */
    @Override
    protected Sandbox.AccountInfo newAccount(int candidates) {
        Sandbox.AccountInfo a = super.newAccount(candidates);
        sandbox.setQuirk(a.accountId(), "retry_after", "on");
        return a;
    }

    /** Lever has no name search: its only person search is the email filter (docs/providers/lever.md §5). */
    @Override
    protected String searchTerm(Candidate c) {
        return c.emails().get(0).email();
    }
}
