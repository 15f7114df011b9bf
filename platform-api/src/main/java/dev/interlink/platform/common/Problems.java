package dev.interlink.platform.common;

import dev.interlink.model.error.ErrorCode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/** Builds application/problem+json responses (RFC 9457) with our stable {@code code} and the request id. */
public final class Problems {
    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");

    private Problems() {}

    public static MutableHttpResponse<Map<String, Object>> response(ApiProblem problem) {
        MutableHttpResponse<Map<String, Object>> response =
                response(problem.code(), problem.getMessage(), problem.extensions());
        problem.headers().forEach(response::header);
        return response;
    }

    public static MutableHttpResponse<Map<String, Object>> response(
            ErrorCode code, String detail, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", code.title());
        body.put("status", code.status());
        body.put("code", code.code());
        if (detail != null) {
            body.put("detail", detail);
        }
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        if (requestId != null) {
            body.put("request_id", requestId);
        }
        body.putAll(extensions);
        MutableHttpResponse<Map<String, Object>> response = HttpResponse.<Map<String, Object>>status(
                        HttpStatus.valueOf(code.status()))
                .body(body)
                .contentType(PROBLEM_JSON);
        if (code.status() == 401) {
            response.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        return response;
    }
}
