package dev.interlink.admin.api;

import java.util.List;

/** A problem+json answer of platform-api (4xx/5xx), or a transport failure (status 0). */
public class PlatformProblem extends RuntimeException {
    private final int status;
    private final String code;
    private final List<Dtos.FieldError> errors;

    public PlatformProblem(int status, String code, String detail, List<Dtos.FieldError> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Dtos.FieldError> errors() {
        return errors;
    }

    /** The admin token expired or the admin was disabled: the UI must sign in again. */
    public boolean unauthorized() {
        return status == 401;
    }
}
