package dev.interlink.platform.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
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

    static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (a, b) -> true);

    static String quoted(String body, List<String> secrets) {
        ApiProblem p = ErrorMapping.problem("cats", 400, NONE, body.getBytes(StandardCharsets.UTF_8), secrets);
        @SuppressWarnings("unchecked")
        Map<String, Object> remote = (Map<String, Object>) p.extensions().get("remote");
        return (String) remote.get("body");
    }

    @Test
    @DisplayName("a provider echoing the bare token of an 'Authorization: Bearer' header has it masked")
    void the_token_without_its_scheme_is_masked() {
        String body = quoted("{\"error\":\"token tok_9f8e7d6c5b4a expired\"}", List.of("Bearer tok_9f8e7d6c5b4a"));
        assertThat(body).doesNotContain("tok_9f8e7d6c5b4a").contains("***");
    }

    @Test
    @DisplayName("a credential value quoted JSON-escaped or URL-encoded by the provider is masked")
    void encoded_forms_are_masked() {
        String secret = "ab/cd\"ef+gh=";
        String json = "{\"key\":\"ab\\/cd\\\"ef+gh=\"}";
        String url = "bad url ?key=" + java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8);
        assertThat(quoted(json, List.of(secret))).doesNotContain("cd").contains("***");
        assertThat(quoted(url, List.of(secret))).doesNotContain("cd").contains("***");
    }

    @Test
    @DisplayName("a secret cut by the excerpt boundary does not leak its first characters")
    void a_fragment_at_the_cut_is_masked() {
        String secret = "sk_live_0123456789abcdef";
        // the provider's body is read only up to a limit: the read stopped 12 characters into the secret
        String q = quoted("x".repeat(500) + secret.substring(0, 12), List.of(secret));
        assertThat(q).doesNotContain("sk_live_01").endsWith("x***");
        // the same with multi-byte text, where the byte limit falls well inside the 512-character excerpt
        String cutByRead = "é".repeat(300) + secret.substring(0, 7);
        assertThat(quoted(cutByRead, List.of(secret))).doesNotContain("sk_live").endsWith("***");
        // a secret that does fit is masked whole even when the 512-character cut falls inside it
        String straddling = quoted("y".repeat(ErrorMapping.MAX_BODY - 5) + secret + " tail", List.of(secret));
        assertThat(straddling).doesNotContain("sk_li").contains("***");
        // a short, ordinary ending is left alone
        assertThat(quoted("value sk_", List.of(secret))).endsWith("sk_");
    }

    @Test
    @DisplayName("every credential value of the account is masked, not only the whole header value")
    void every_credential_value_is_masked() {
        String body = quoted(
                "agency acme-recruiting: key 5f4dcc3b5aa765d61d8327deb882cf99 rejected",
                List.of("Token 5f4dcc3b5aa765d61d8327deb882cf99", "acme-recruiting"));
        assertThat(body).doesNotContain("5f4dcc3b").doesNotContain("acme-recruiting");
    }
}
