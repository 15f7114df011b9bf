package dev.interlink.platform.ats;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.DevMode;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque list cursors: the provider's own position, bound to the account, the resource and a hash of the query's
 * filters, HMAC-SHA256 signed. Tampered, foreign or replayed-with-other-filters cursors answer 400
 * {@code PLATFORM.CURSOR_INVALID}.
 *
 * <p>The key must be the same on every replica: {@code INTERLINK_CURSOR_KEY}; in dev mode a key generated once into
 * {@code .interlink/cursor-key}; otherwise one derived from the JWT signing key set, given inline
 * ({@code INTERLINK_JWT_KEYS}) or as a file ({@code INTERLINK_JWT_KEYS_FILE}) exactly as {@code auth/SigningKeys}
 * reads it (shared by all replicas by construction). A per-process random key would break paging behind a load
 * balancer.
 *
 * @see "docs/decisions/0021-signed-list-cursors.md"
 */
@Singleton
public class Cursors {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder D64 = Base64.getUrlDecoder();
    private final byte[] key;

    public Cursors(
            @Value("${interlink.cursor-key:}") String configured,
            @Value("${interlink.jwt.keys:}") String jwtKeys,
            @Value("${interlink.jwt.keys-file:}") String jwtKeysFile,
            DevMode devMode) {
        this.key = key(configured, jwtKeys, jwtKeysFile, devMode);
    }

    static byte[] key(String configured, String jwtKeys, String jwtKeysFile, DevMode devMode) {
        if (configured != null && !configured.isBlank()) {
            return sha256("interlink-cursor-v1|" + configured.strip());
        }
        if (devMode.enabled()) {
            return sha256("interlink-cursor-v1|" + devKey(devMode.home().resolve("cursor-key")));
        }
        if (jwtKeys != null && !jwtKeys.isBlank()) {
            return sha256("interlink-cursor-derived-v1|" + jwtKeys.strip());
        }
        if (jwtKeysFile != null && !jwtKeysFile.isBlank()) {
            // the same text as INTERLINK_JWT_KEYS would hold, so inline and file replicas derive the same key
            return sha256("interlink-cursor-derived-v1|" + readKeysFile(Path.of(jwtKeysFile.strip())));
        }
        throw new IllegalStateException("No cursor key: set INTERLINK_CURSOR_KEY (the same value on every replica),"
                + " or INTERLINK_JWT_KEYS / INTERLINK_JWT_KEYS_FILE to derive it, or run in dev mode");
    }

    private static String readKeysFile(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            // the path only, never the content: it holds private keys
            throw new IllegalStateException("The cursor key cannot be derived: INTERLINK_JWT_KEYS_FILE (" + file
                    + ") is not readable (" + e.getClass().getSimpleName() + ")");
        }
    }

    static String devKey(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(file.getParent());
            byte[] b = new byte[32];
            new SecureRandom().nextBytes(b);
            String k = HexFormat.of().formatHex(b);
            Files.writeString(file, k);
            DevMode.restrictToOwner(file);
            return k;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stable hash of the filters that define the list (everything except paging and presentation). */
    public static String queryHash(String resource, Map<String, String> filters) {
        StringBuilder sb = new StringBuilder(resource);
        new TreeMap<>(filters)
                .forEach((k, v) -> sb.append('\n').append(k).append('=').append(v));
        return HexFormat.of().formatHex(sha256(sb.toString())).substring(0, 32);
    }

    public String sign(String accountId, String queryHash, String position) {
        String payload = b64(accountId) + "." + b64(queryHash) + "." + b64(position);
        return payload + "." + B64.encodeToString(mac(payload));
    }

    /** The provider position inside {@code cursor}, after checking signature, account and query. */
    public String open(String cursor, String accountId, String queryHash) {
        String[] parts = cursor == null ? new String[0] : cursor.split("\\.");
        if (parts.length != 4) {
            throw invalid("The cursor is malformed");
        }
        String payload = parts[0] + "." + parts[1] + "." + parts[2];
        byte[] given;
        try {
            given = D64.decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw invalid("The cursor is malformed");
        }
        if (!MessageDigest.isEqual(given, mac(payload))) {
            throw invalid("The cursor was not issued by Interlink or was changed");
        }
        if (!accountId.equals(unb64(parts[0]))) {
            throw invalid("The cursor belongs to another integrated account");
        }
        if (!queryHash.equals(unb64(parts[1]))) {
            throw invalid("The cursor was issued for other filters; start again without next_cursor");
        }
        return unb64(parts[2]);
    }

    static ApiProblem invalid(String detail) {
        return ApiProblem.of(ErrorCode.PLATFORM_CURSOR_INVALID, detail);
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String s) {
        return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String s) {
        try {
            return new String(D64.decode(s), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("The cursor is malformed");
        }
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
