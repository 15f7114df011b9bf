package dev.interlink.platform.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whatever goes wrong, the caller gets problem+json with a stable code and the request id: never HTML. */
@MicronautTest(transactional = false)
class ProblemResponsesTest extends ApiTest {
    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    Api api;
    TestTenant acme;

    @BeforeAll
    void setUp() {
        api = new Api(server.getURI());
        acme = TestTenants.create(tenants, api, "Acme");
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo(code);
        assertThat(response.json().get("request_id").asText()).isEqualTo(response.header("X-Request-Id"));
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("<html");
    }

    @Test
    void an_unknown_route_answers_404_problem() {
        assertProblem(api.get("/no/such/route", acme.token()), 404, "PLATFORM.NOT_FOUND");
    }

    @Test
    void an_unknown_route_answers_404_even_without_a_token() {
        assertProblem(api.get("/no/such/route", null), 404, "PLATFORM.NOT_FOUND");
    }

    @Test
    void a_wrong_method_answers_405_problem_with_allow() {
        Api.Response response = api.delete("/tenant", acme.token());
        assertProblem(response, 405, "PLATFORM.METHOD_NOT_ALLOWED");
        assertThat(response.header("Allow")).contains("GET").contains("PATCH");
    }

    @Test
    void malformed_json_answers_400_problem_without_echoing_the_body() {
        Api.Response response = api.patch("/tenant", acme.token(), "{\"display_name\": \"secret-value-123");
        assertProblem(response, 400, "PLATFORM.INPUT_INVALID");
        assertThat(response.text()).doesNotContain("secret-value-123");
    }

    @Test
    void a_field_of_the_wrong_type_answers_400_problem() {
        assertProblem(api.patch("/tenant", acme.token(), "{\"allowed_origins\": 42}"), 400, "PLATFORM.INPUT_INVALID");
    }

    @Test
    void an_unsupported_content_type_answers_415_problem() {
        Api.Response response =
                api.send("PATCH", "/tenant", acme.token(), "<x/>", Map.of("Content-Type", "application/xml"));
        assertProblem(response, 415, "PLATFORM.UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void invalid_fields_are_all_listed_with_json_pointers() {
        Api.Response response = api.patch(
                "/tenant",
                acme.token(),
                Map.of(
                        "display_name",
                        " ",
                        "allowed_origins",
                        java.util.List.of("https://ok.example", "javascript:alert(1)", "https://*.x.com")));
        assertProblem(response, 400, "PLATFORM.INPUT_INVALID");
        assertThat(response.json().get("errors").findValuesAsText("pointer"))
                .containsExactly("/display_name", "/allowed_origins/1", "/allowed_origins/2");
    }

    @Test
    void a_rejected_patch_changes_nothing() {
        api.patch(
                "/tenant",
                acme.token(),
                Map.of("display_name", "Kept", "allowed_origins", java.util.List.of("https://kept.example")));
        api.patch(
                "/tenant",
                acme.token(),
                Map.of("display_name", "Changed", "allowed_origins", java.util.List.of("nope")));
        Api.Response tenant = api.get("/tenant", acme.token());
        assertThat(tenant.json().get("display_name").asText()).isEqualTo("Kept");
        assertThat(tenant.json().get("allowed_origins").get(0).asText()).isEqualTo("https://kept.example");
    }

    @Test
    void a_callers_request_id_is_echoed() {
        Api.Response response = api.send("GET", "/tenant", acme.token(), null, Map.of("X-Request-Id", "trace-abc.123"));
        assertThat(response.header("X-Request-Id")).isEqualTo("trace-abc.123");
    }

    @Test
    void a_request_id_that_does_not_look_like_one_is_replaced() {
        Api.Response response = api.send("GET", "/tenant", acme.token(), null, Map.of("X-Request-Id", "a b {evil}"));
        assertThat(response.header("X-Request-Id")).startsWith("req_");
    }

    @Test
    void health_and_readiness_need_no_token() {
        assertThat(api.get("/health", null).status()).isEqualTo(200);
        assertThat(api.get("/health/readiness", null).status()).isEqualTo(200);
    }

    @Test
    void the_openapi_document_is_served() {
        Api.Response spec = api.get("/swagger/interlink-api-0.1.yml", null);
        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.text())
                .contains("/oauth/token")
                .contains("/api-clients")
                .contains("/tenant");
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }
}
