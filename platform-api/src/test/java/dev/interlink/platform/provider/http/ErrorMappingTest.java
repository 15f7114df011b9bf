package dev.interlink.platform.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorMappingTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "400, REMOTE_INPUT_INVALID",
        "401, INTEGRATION_REAUTH_REQUIRED",
        "403, INTEGRATION_REAUTH_REQUIRED",
        "404, REMOTE_NOT_FOUND",
        "422, REMOTE_INPUT_INVALID",
        "429, REMOTE_RATE_LIMIT_EXCEEDED",
        "500, REMOTE_SERVICE_UNAVAILABLE",
        "503, REMOTE_SERVICE_UNAVAILABLE",
        "418, REMOTE_UNKNOWN_HTTP_ERROR"
    })
    void each_provider_status_has_one_classification(int status, ErrorCode code) {
        assertThat(ErrorMapping.resolve(status).code()).isEqualTo(code);
    }

    @Test
    void only_auth_failures_mark_the_account_for_reauthorization() {
        assertThat(ErrorMapping.resolve(401).action()).isEqualTo(ErrorMapping.Action.MARK_NEEDS_REAUTH);
        assertThat(ErrorMapping.resolve(404).action()).isEqualTo(ErrorMapping.Action.NONE);
        assertThat(ErrorMapping.resolve(500).action()).isEqualTo(ErrorMapping.Action.NONE);
    }

    @Test
    void an_html_error_page_is_a_service_outage() {
        HttpHeaders h = HttpHeaders.of(Map.of("Content-Type", List.of("text/html")), (a, b) -> true);
        ApiProblem p = ErrorMapping.problem("loxo", 400, h, "<html>".getBytes(StandardCharsets.UTF_8), List.of());
        assertThat(p.code()).isEqualTo(ErrorCode.REMOTE_SERVICE_UNAVAILABLE);
    }

    @Test
    void the_quoted_provider_body_never_contains_the_credentials() {
        HttpHeaders h = HttpHeaders.of(Map.of(), (a, b) -> true);
        ApiProblem p = ErrorMapping.problem(
                "cats",
                400,
                h,
                "bad key Token s3cr3t-key".getBytes(StandardCharsets.UTF_8),
                List.of("Token s3cr3t-key"));
        assertThat(p.extensions().toString()).doesNotContain("s3cr3t").contains("***");
    }

    @Test
    void a_rate_limit_passes_retry_after_on() {
        HttpHeaders h = HttpHeaders.of(Map.of("Retry-After", List.of("12")), (a, b) -> true);
        ApiProblem p = ErrorMapping.problem("cats", 429, h, new byte[0], List.of());
        assertThat(p.headers()).containsEntry("Retry-After", "12");
        assertThat(p.getMessage()).contains("retry after 12 s");
    }
}
