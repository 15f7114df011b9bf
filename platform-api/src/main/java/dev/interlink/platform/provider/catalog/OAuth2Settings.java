package dev.interlink.platform.provider.catalog;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.List;

/**
 * An OAuth 2.0 provider's authorization server as the catalog states it ({@code auth.oauth2}). {@code expiryMargin}:
 * an access token this close to its expiry is refreshed before use. A deployment may point the two URLs elsewhere
 * ({@code interlink.provider.<id>.authorize-url} / {@code token-url}, e.g. at the provider-sandbox).
 */
public record OAuth2Settings(
        String authorizeUrl, String tokenUrl, @Nullable String audience, List<String> scopes, Duration expiryMargin) {

    public OAuth2Settings withUrls(@Nullable String authorize, @Nullable String token) {
        return new OAuth2Settings(
                authorize == null ? authorizeUrl : authorize,
                token == null ? tokenUrl : token,
                audience,
                scopes,
                expiryMargin);
    }
}
