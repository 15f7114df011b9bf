package dev.interlink.platform.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): {@code v1,} + base64(HMAC-SHA256(key,
 * "{webhook-id}.{webhook-timestamp}.{body}")), where the key is the base64-decoded part of the secret after
 * {@code whsec_}. Several secrets (during a rotation) give several signatures, space-separated; a receiver accepts
 * the message when any one verifies.
 */
public final class WebhookSigner {
    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSigner() {}

    /** A new secret: {@code whsec_} + base64 of 32 random bytes. */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    public static String sign(String secret, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** The {@code webhook-signature} header value: one signature per secret, space-separated. */
    public static String header(List<String> secrets, String id, long timestamp, byte[] body) {
        List<String> signatures = new ArrayList<>();
        for (String secret : secrets) {
            signatures.add(sign(secret, id, timestamp, body));
        }
        return String.join(" ", signatures);
    }

    private static byte[] key(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
