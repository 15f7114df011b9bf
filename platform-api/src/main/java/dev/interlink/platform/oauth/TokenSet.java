package dev.interlink.platform.oauth;

import dev.interlink.platform.vault.Credentials;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One OAuth 2.0 token pair as an account's credential set holds it ({@code access_token}, {@code refresh_token},
 * {@code expires_at}). {@code toString} never shows a token.
 */
public record TokenSet(String accessToken, String refreshToken, Instant expiresAt) {
    public static final String ACCESS_TOKEN = "access_token";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String EXPIRES_AT = "expires_at";

    public static TokenSet of(Credentials c) {
        String expires = c.get(EXPIRES_AT);
        return new TokenSet(c.get(ACCESS_TOKEN), c.get(REFRESH_TOKEN), expires == null ? null : Instant.parse(expires));
    }

    public Credentials credentials() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(ACCESS_TOKEN, accessToken);
        if (refreshToken != null) values.put(REFRESH_TOKEN, refreshToken);
        if (expiresAt != null) values.put(EXPIRES_AT, expiresAt.toString());
        return Credentials.of(values);
    }

    /** Expired or expiring within {@code margin} of {@code now} (an unknown expiry counts as fresh). */
    public boolean expiresWithin(java.time.Duration margin, Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now.plus(margin));
    }

    @Override
    public String toString() {
        return "TokenSet[expiresAt=" + expiresAt + ", refreshable=" + (refreshToken != null) + "]";
    }
}
