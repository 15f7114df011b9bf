package dev.interlink.platform.oauth;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/**
 * An OAuth authorization the link UI started ({@code oauth_link_session}): which link token and provider it is for,
 * how to tell link-ui the outcome ({@code mode}, {@code notifyOrigin}, {@code returnTo}) and the PKCE verifier.
 * {@code toString} never shows the verifier.
 */
public record OAuthLinkSession(
        UUID id,
        UUID tenantId,
        UUID linkTokenId,
        String provider,
        Mode mode,
        String notifyOrigin,
        @Nullable String returnTo,
        String codeVerifier,
        Instant createdAt,
        Instant expiresAt) {

    /** How the outcome reaches link-ui: a message to the window that opened the popup, or a redirect back. */
    public enum Mode {
        POPUP,
        REDIRECT;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Override
    public String toString() {
        return "OAuthLinkSession[" + id + ", " + provider + ", " + mode.value() + "]";
    }
}
