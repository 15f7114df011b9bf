package dev.interlink.sandbox.spi;

import dev.interlink.sandbox.common.Account;
import java.util.List;
import java.util.Map;

/** The simulated OAuth 2.0 authorization server of a provider (see docs/providers/lever.md for Lever's). */
public interface OAuthServer {
    /** The registered OAuth client of an account and where its endpoints are (absolute URLs below origin). */
    record Client(
            String clientId,
            String clientSecret,
            List<String> redirectUris,
            String authorizeUrl,
            String tokenUrl,
            String audience,
            List<String> scopes) {}

    /** A token pair as the token endpoint would answer it; {@code refreshToken} is null without offline_access. */
    record Tokens(String accessToken, String refreshToken, long expiresIn, String scope) {}

    Client client(Account account, String origin);

    /** Mints tokens directly (as if consent and the code exchange had happened); scope null = every scope. */
    Tokens mint(Account account, String scope);

    /** Makes every access token issued so far for the account invalid now (the API then answers 401). */
    void expireAccessTokens(Account account);

    /** "The admin revoked the app": every refresh token family dies (refresh → invalid_grant), tokens stop working. */
    void revoke(Account account);

    /** Applies (a subset of) the settings and answers all effective settings. */
    Map<String, Object> settings(Account account, Map<String, Object> changes);
}
