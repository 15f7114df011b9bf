package dev.interlink.platform.oauth;

import dev.interlink.platform.common.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** PKCE (RFC 7636) with S256: a 256-bit verifier (43 base64url characters) and its challenge. */
public final class Pkce {
    private Pkce() {}

    public static String verifier() {
        return Ids.random("", 32);
    }

    /** {@code BASE64URL(SHA-256(ASCII(verifier)))} without padding. */
    public static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
