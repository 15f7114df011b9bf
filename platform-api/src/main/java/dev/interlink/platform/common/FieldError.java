package dev.interlink.platform.common;

/** One invalid input field: a JSON Pointer (RFC 6901) into the request and what is wrong with it. */
public record FieldError(String pointer, String detail) {
    /** RFC 6901 escaping of one reference token (a map key that may hold '/' or '~'). */
    public static String token(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
