package dev.interlink.platform.oauth;

import dev.interlink.platform.provider.auth.AccountAuth;
import dev.interlink.platform.provider.auth.AuthScheme;
import dev.interlink.platform.provider.catalog.AuthMode;
import dev.interlink.platform.provider.catalog.ProviderDefinition;
import dev.interlink.platform.vault.Credentials;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * OAuth 2.0 bearer tokens with refresh: a token within the catalog's expiry margin is refreshed before use, and a
 * provider 401 forces one refresh and one retry (through {@link TokenRefresher}, single flight across replicas).
 * A credential set being verified before it is stored (no account yet) is used as it is.
 */
@Singleton
public class OAuth2Scheme implements AuthScheme {
    private final TokenRefresher refresher;
    private final Clock clock;

    public OAuth2Scheme(TokenRefresher refresher, Clock clock) {
        this.refresher = refresher;
        this.clock = clock;
    }

    @Override
    public Set<AuthMode> modes() {
        return Set.of(AuthMode.OAUTH2);
    }

    @Override
    public AccountAuth open(
            UUID tenantId,
            UUID accountId,
            ProviderDefinition provider,
            Credentials credentials,
            Rejections onRejected) {
        return new Bearer(tenantId, accountId, provider, TokenSet.of(credentials), onRejected);
    }

    private final class Bearer implements AccountAuth {
        private final UUID tenantId;
        private final UUID accountId;
        private final ProviderDefinition provider;
        private final Rejections onRejected;
        private TokenSet tokens;
        private boolean forced;

        Bearer(UUID tenantId, UUID accountId, ProviderDefinition provider, TokenSet tokens, Rejections onRejected) {
            this.tenantId = tenantId;
            this.accountId = accountId;
            this.provider = provider;
            this.tokens = tokens;
            this.onRejected = onRejected;
        }

        private boolean stored() {
            return tenantId != null && accountId != null && provider.oauth2() != null;
        }

        @Override
        public synchronized Map<String, String> headers() {
            if (stored()
                    && tokens.refreshToken() != null
                    && tokens.expiresWithin(provider.oauth2().expiryMargin(), clock.instant())) {
                tokens = refresher.refresh(tenantId, accountId, provider, tokens, onRejected);
            }
            return provider.authHeaders(tokens.credentials());
        }

        @Override
        public synchronized boolean rejected(int status, String reason) {
            if (status != 401) {
                return false; // 403: a scope or environment the consent does not cover; a new token changes nothing
            }
            if (!stored() || forced || tokens.refreshToken() == null) {
                if (stored()) onRejected.needsReauth(reason);
                return false;
            }
            forced = true;
            tokens = refresher.refresh(tenantId, accountId, provider, tokens, onRejected);
            return true;
        }

        @Override
        public synchronized Collection<String> secrets() {
            return Stream.of(tokens.accessToken(), tokens.refreshToken())
                    .filter(v -> v != null)
                    .toList();
        }
    }
}
