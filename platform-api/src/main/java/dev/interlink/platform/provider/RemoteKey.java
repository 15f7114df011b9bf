package dev.interlink.platform.provider;

import dev.interlink.platform.common.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The remote key of a record, and its opaque unified id: base64url (no padding) of the key parts joined by ':'.
 * Reversible, so pass-through reads need no id table; composite where the provider needs more than one id to route
 * (Loxo job candidates: job id + candidate id). Parts are restricted to URL-safe characters, so a decoded id can
 * never change the path of a provider request.
 *
 * @see "docs/decisions/0020-opaque-reversible-ids.md"
 */
public record RemoteKey(List<String> parts) {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    public static RemoteKey of(String... parts) {
        return new RemoteKey(List.of(parts));
    }

    public static String encode(String... parts) {
        for (String p : parts) {
            if (p == null || !PART.matcher(p).matches()) {
                throw new IllegalArgumentException("remote key part is not URL-safe: " + p);
            }
        }
        return ENC.encodeToString(String.join(":", parts).getBytes(StandardCharsets.UTF_8));
    }

    /** Null-safe for optional references: null when any part is null. */
    public static String encodeOrNull(String... parts) {
        for (String p : parts) {
            if (p == null || p.isEmpty()) {
                return null;
            }
        }
        return encode(parts);
    }

    /** Decodes an id from a URL or filter; {@code arity} is how many parts this resource's keys have. */
    public static RemoteKey decode(String id, int arity, String pointer) {
        String text;
        try {
            text = new String(DEC.decode(id == null ? "" : id), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(pointer, "is not an id of this resource");
        }
        List<String> parts = Arrays.asList(text.split(":", -1));
        if (parts.size() != arity
                || !parts.stream().allMatch(p -> PART.matcher(p).matches())) {
            throw ApiProblem.invalid(pointer, "is not an id of this resource");
        }
        return new RemoteKey(List.copyOf(parts));
    }

    public String part(int i) {
        return parts.get(i);
    }

    public String remoteId() {
        return parts.size() == 1 ? parts.get(0) : "[" + String.join(",", parts) + "]";
    }

    public String id() {
        return encode(parts.toArray(String[]::new));
    }
}
