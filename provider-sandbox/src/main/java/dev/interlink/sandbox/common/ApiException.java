package dev.interlink.sandbox.common;

/** Thrown by route handlers; each provider renders it in its own error shape. */
public class ApiException extends RuntimeException {
    public final int status;
    public final Object body; // optional provider-specific body (already shaped), else null

    public ApiException(int status, String message) {
        this(status, message, null);
    }

    public ApiException(int status, String message, Object body) {
        super(message, null, false, false);
        this.status = status;
        this.body = body;
    }
}
