package dev.interlink.platform.provider.lever;

import dev.interlink.model.ats.Candidate;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.provider.ConnectorContractTest;
import dev.interlink.platform.provider.ListRequest;
import dev.interlink.sandbox.Sandbox;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

class LeverConnectorTest extends ConnectorContractTest {
    static final UUID TENANT = UUID.fromString("00000000-0000-4000-8000-000000001e7e");
    private final Map<String, Sandbox.TokenPair> tokens = new ConcurrentHashMap<>();
    private boolean warm;

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

    /** The OAuth 2.0 scheme flags (and refreshes) stored accounts only, so contexts carry a tenant here. */
    @Override
    protected UUID tenantId() {
        return TENANT;
    }

    /**
     * A rejected token: a wrong access token and no refresh token. With a refresh token the scheme would first try a
     * refresh (the OAuth scheme's contract, tested with it); without one, a 401 flags the account at once — what the
     * contract checks.
     */
    @Override
    protected Map<String, String> wrongCredentials(Sandbox.AccountInfo a) {
        return Map.of("access_token", "wrong-key-0000000");
    }

    /**
     * Lever documents no Retry-After (docs/providers/lever.md §4) and the simulator sends none by default, so the
     * contract's check that a provider's Retry-After reaches the caller runs with the simulator's {@code retry_after}
     * switch on. Only 429s carry it; LeverQuirksTest covers the 429 without one. The first account also takes one
     * warm-up call: the contract's 1 s read timeout is shorter than a cold in-process simulator on a busy machine.
     */
    @Override
    protected Sandbox.AccountInfo newAccount(int candidates) {
        Sandbox.AccountInfo a = super.newAccount(candidates);
        sandbox.setQuirk(a.accountId(), "retry_after", "on");
        if (!warm) {
            warm = true;
            for (int i = 0; i < 3; i++) {
                try {
                    ops(AtsResource.CANDIDATES).list().list(ctx(a), new ListRequest(null, 1, Map.of()));
                } catch (ApiProblem ignored) {
                    // a cold timeout: the next attempt finds the simulator warm
                }
            }
        }
        return a;
    }

    /** Lever has no name search: its only person search is the email filter (docs/providers/lever.md §9). */
    @Override
    protected String searchTerm(Candidate c) {
        return c.emails().get(0).email();
    }
}
