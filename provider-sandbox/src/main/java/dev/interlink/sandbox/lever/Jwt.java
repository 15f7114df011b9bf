package dev.interlink.sandbox.lever;

import dev.interlink.sandbox.common.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 JSON Web Tokens with one key per running sandbox. Lever signs with its own key (the docs' sample says
 * HS512, see docs/providers/lever.md); clients must treat the token as opaque, so the algorithm does not matter.
 */
final class Jwt {
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    /** A decoded token: {@code signedByUs} is false when the key id is someone else's (another sandbox). */
    record Decoded(Map<String, Object> header, Map<String, Object> claims, boolean signedByUs, boolean valid) {}

    private final byte[] key;
    final String kid;

    Jwt(byte[] key, String kid) {
        this.key = key.clone();
        this.kid = kid;
    }

    String sign(Map<String, Object> claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "HS256");
        header.put("typ", "JWT");
        header.put("kid", kid);
        String input = ENC.encodeToString(Json.bytes(header)) + "." + ENC.encodeToString(Json.bytes(claims));
        return input + "." + ENC.encodeToString(hmac(input));
    }

    /** Null when the text is not a JWT at all. */
    Decoded decode(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) return null;
        try {
            Map<String, Object> header = Json.object(DEC.decode(parts[0]));
            Map<String, Object> claims = Json.object(DEC.decode(parts[1]));
            boolean ours = kid.equals(header.get("kid"));
            boolean valid = ours
                    && "HS256".equals(header.get("alg"))
                    && MessageDigest.isEqual(hmac(parts[0] + "." + parts[1]), DEC.decode(parts[2]));
            return new Decoded(header, claims, ours, valid);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private byte[] hmac(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
