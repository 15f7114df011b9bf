package dev.interlink.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.oauth.OAuthApps;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import dev.interlink.sandbox.Sandbox;
import java.time.Instant;
import java.util.Map;

/**
 * A Lever connection the way a tenant backend imports one: a sandbox Lever account (its token bucket lifted so the
 * sandbox never limits the test), the tenant's OAuth app for it, and {@code POST /integrated-accounts} with freshly
 * minted tokens.
 *
 * @param lever the sandbox account (its OAuth client and id)
 * @param tokens the tokens the connection was created with
 * @param accountId our integrated account id
 */
public record LeverConnection(Sandbox.OAuthAccountInfo lever, Sandbox.TokenPair tokens, String accountId) {
    public static LeverConnection connect(
            Sandbox sandbox, Api api, TestTenant tenant, OAuthApps apps, long seed, int size) {
        return connect(sandbox, api, tenant, apps, seed, size, Map.of());
    }

    /** @param oauthSettings sandbox OAuth behaviour for the account (e.g. {@code rotation}), set before any token */
    public static LeverConnection connect(
            Sandbox sandbox,
            Api api,
            TestTenant tenant,
            OAuthApps apps,
            long seed,
            int size,
            Map<String, Object> oauthSettings) {
        Sandbox.OAuthAccountInfo lever = sandbox.createOAuthAccount("lever", seed, size);
        sandbox.setTokenBucket(lever.accountId(), 100_000, 100_000);
        if (!oauthSettings.isEmpty()) {
            sandbox.oauthSettings(lever.accountId(), oauthSettings);
        }
        apps.put(tenant.id(), "lever", lever.clientId(), lever.clientSecret());
        Sandbox.TokenPair pair = sandbox.mintTokens(lever.accountId(), null);
        Api.Response created = api.post(
                "/integrated-accounts",
                tenant.token(),
                Map.of(
                        "provider",
                        "lever",
                        "end_user",
                        Map.of("id", "lever-" + lever.accountId()),
                        "credentials",
                        Map.of(
                                "access_token",
                                pair.accessToken(),
                                "refresh_token",
                                pair.refreshToken(),
                                "expires_at",
                                Instant.now().plusSeconds(pair.expiresIn()).toString())));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return new LeverConnection(lever, pair, created.json().get("id").asText());
    }
}
