package dev.interlink.platform.common;

import dev.interlink.model.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one exception type that becomes an RFC 9457 problem. Its message must never contain a secret: it is
 * returned to the caller and may be logged.
 */
public class ApiProblem extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiProblem(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public static ApiProblem of(ErrorCode code, String detail) {
        return new ApiProblem(code, detail);
    }

    public static ApiProblem invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).pointer() + ": " + errors.get(0).detail()
                : errors.size() + " fields are invalid";
        return new ApiProblem(ErrorCode.PLATFORM_INPUT_INVALID, detail).with("errors", errors);
    }

    public static ApiProblem invalid(String pointer, String detail) {
        return invalid(List.of(new FieldError(pointer, detail)));
    }

    public ApiProblem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public ApiProblem header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
