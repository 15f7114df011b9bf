package dev.interlink.link.api;

import java.util.List;

/** An RFC 9457 problem as platform-api sends it ({@code application/problem+json}). */
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String code,
        String requestId,
        List<FieldError> errors,
        Boolean retryable) {

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public boolean isRetryable() {
        return Boolean.TRUE.equals(retryable);
    }

    /** A field-level error; {@code pointer} is a JSON pointer such as {@code /credentials/api_key}. */
    public record FieldError(String pointer, String detail) {}
}
