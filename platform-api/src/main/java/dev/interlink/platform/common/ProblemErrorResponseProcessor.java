package dev.interlink.platform.common;

import dev.interlink.model.error.ErrorCode;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the framework's own errors (unknown route, wrong method, malformed JSON, unsupported media type,
 * unexpected exceptions) into problem+json, so no caller ever sees an HTML page or a stack trace. Parser
 * messages are not echoed: they can quote the request body, which can hold credentials.
 */
@Singleton
@Primary
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Map<String, Object>> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        int status = base.code();
        boolean databaseDown =
                status == 500 && DatabaseUnavailable.in(context.getRootCause().orElse(null));
        if (databaseDown) {
            status = 503; // not our bug: PostgreSQL is unreachable for now, and a retry will work
            LOG.warn(
                    "Database unavailable: {}",
                    context.getRootCause().map(Throwable::toString).orElse(""));
        }
        ErrorCode code =
                switch (status) {
                    case 400 -> ErrorCode.PLATFORM_INPUT_INVALID;
                    case 401 -> ErrorCode.PLATFORM_AUTHENTICATION_INVALID;
                    case 403 -> ErrorCode.PLATFORM_FORBIDDEN;
                    case 404 -> ErrorCode.PLATFORM_NOT_FOUND;
                    case 405 -> ErrorCode.PLATFORM_METHOD_NOT_ALLOWED;
                    case 413 -> ErrorCode.PLATFORM_PAYLOAD_TOO_LARGE;
                    case 415 -> ErrorCode.PLATFORM_UNSUPPORTED_MEDIA_TYPE;
                    case 503 -> ErrorCode.PLATFORM_UNAVAILABLE;
                    default -> ErrorCode.PLATFORM_INTERNAL_ERROR;
                };
        Map<String, Object> extensions = new LinkedHashMap<>();
        String detail =
                switch (status) {
                    case 400 -> badRequestDetail(context, extensions);
                    case 404 -> "No route " + context.getRequest().getPath();
                    case 405 -> "Method " + context.getRequest().getMethodName() + " is not allowed here";
                    case 415 -> "Content-Type "
                            + context.getRequest()
                                    .getContentType()
                                    .map(Object::toString)
                                    .orElse("(none)") + " is not accepted here";
                    case 503 -> databaseDown ? "The database is unreachable for now; retry after a moment" : null;
                    default -> null;
                };
        if (code == ErrorCode.PLATFORM_INTERNAL_ERROR) {
            context.getRootCause().ifPresent(e -> LOG.error("Unhandled error", e));
        }
        MutableHttpResponse<Map<String, Object>> problem = Problems.response(code, detail, extensions);
        base.getHeaders().forEach((name, values) -> {
            if (name.equalsIgnoreCase("Allow")) {
                values.forEach(v -> problem.header(name, v));
            }
        });
        if (databaseDown) {
            problem.header("Retry-After", String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS));
        }
        return (MutableHttpResponse<Map<String, Object>>) (MutableHttpResponse<?>) problem.status(status);
    }

    private static String badRequestDetail(ErrorContext context, Map<String, Object> extensions) {
        Throwable cause = context.getRootCause().orElse(null);
        if (cause instanceof ConversionErrorException conversion) {
            String name = conversion.getArgument().getName();
            extensions.put("errors", List.of(new FieldError("/" + name, "has the wrong type or format")));
            return "The request could not be read: '" + name + "' has the wrong type or format";
        }
        if (cause != null && cause.getClass().getName().startsWith("com.fasterxml.jackson")) {
            return "The request body is not valid JSON";
        }
        List<FieldError> errors = new ArrayList<>();
        for (Error e : context.getErrors()) {
            e.getPath().ifPresent(path -> errors.add(new FieldError("/" + path, "is invalid")));
        }
        if (!errors.isEmpty()) {
            extensions.put("errors", errors);
        }
        return "The request could not be read";
    }
}
