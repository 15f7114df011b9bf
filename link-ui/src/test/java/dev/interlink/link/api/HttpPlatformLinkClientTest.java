package dev.interlink.link.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a stub platform-api on a local port, speaking the documented contract. */
class HttpPlatformLinkClientTest {
    private static final String SESSION =
            """
            {"tenant": {"display_name": "Acme Recruiting"},
             "end_user": {"id": "cust-42", "name": "Jane", "email": "jane@example.com"},
             "providers": [{"id": "loxo", "display_name": "Loxo", "category": "ats", "logo_url": "http://x/logo.svg",
               "auth_mode": "API_KEY", "future_field": 1,
               "fields": [{"name": "domain", "label": "Domain", "help_text": null, "secret": false,
                           "required": false, "pattern": null, "default": "app.loxo.co"}]}],
             "reauth": {"integrated_account_id": "ia_1", "provider": "loxo"},
             "allowed_origins": ["http://localhost:8095"],
             "expires_at": "2026-11-23T21:00:00Z"}""";

    private HttpServer server;
    private HttpPlatformLinkClient client;
    private final List<String> tokens = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();
    private int status = 200;
    private String reply = SESSION;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            tokens.add(exchange.getRequestHeaders().getFirst("X-Link-Token"));
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] out = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .add("Content-Type", status < 300 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        client = new HttpPlatformLinkClient(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void the_session_is_read_from_snake_case_json_and_unknown_fields_are_ignored() {
        LinkSession session = client.fetchSession("tok_abc");

        assertEquals("Acme Recruiting", session.tenantName());
        assertEquals("app.loxo.co", session.providers().get(0).fields().get(0).defaultValue());
        assertEquals("ia_1", session.reauth().integratedAccountId());
        assertEquals(List.of("http://localhost:8095"), session.allowedOrigins());
        assertEquals("tok_abc", tokens.get(0));
    }

    @Test
    void credentials_travel_in_the_json_body_and_the_token_in_a_header() {
        reply =
                "{\"integrated_account_id\": \"ia_9\", \"provider\": \"cats\", \"status\": \"active\", \"reauthorized\": false}";
        status = 201;

        CreatedAccount account = client.createAccount("tok_abc", "cats", Map.of("api_key", "k-123456"));

        assertEquals("ia_9", account.integratedAccountId());
        assertEquals("{\"provider\":\"cats\",\"credentials\":{\"api_key\":\"k-123456\"}}", bodies.get(0));
        assertEquals("tok_abc", tokens.get(0));
    }

    @Test
    void a_problem_response_becomes_a_typed_exception_with_the_providers_reason() {
        status = 422;
        reply = "{\"title\": \"Invalid\", \"status\": 422, \"code\": \"INTEGRATION.CREDENTIALS_INVALID\","
                + " \"detail\": \"Key revoked\", \"request_id\": \"req_1\"}";

        PlatformProblemException e =
                assertThrows(PlatformProblemException.class, () -> client.createAccount("tok", "cats", Map.of()));

        assertEquals(ProblemCode.CREDENTIALS_INVALID, e.code());
        assertEquals("Key revoked", e.problem().detail());
        assertFalse(e.isRetryable());
    }

    @Test
    void field_errors_keep_their_pointers() {
        status = 400;
        reply = "{\"status\": 400, \"code\": \"PLATFORM.INPUT_INVALID\","
                + " \"errors\": [{\"pointer\": \"/credentials/api_key\", \"detail\": \"too short\"}]}";

        PlatformProblemException e =
                assertThrows(PlatformProblemException.class, () -> client.createAccount("tok", "cats", Map.of()));

        assertEquals("/credentials/api_key", e.problem().errors().get(0).pointer());
    }

    @Test
    void a_gateway_error_without_problem_body_counts_as_a_retryable_outage() {
        status = 504;
        reply = "<html>Gateway Timeout</html>";

        PlatformProblemException e = assertThrows(PlatformProblemException.class, () -> client.fetchSession("tok"));

        assertEquals(ProblemCode.REMOTE_UNAVAILABLE, e.code());
        assertTrue(e.isRetryable());
    }

    @Test
    void an_unreachable_platform_is_a_retryable_problem() {
        server.stop(0);

        PlatformProblemException e = assertThrows(PlatformProblemException.class, () -> client.fetchSession("tok"));

        assertEquals(ProblemCode.API_UNREACHABLE, e.code());
        assertTrue(e.isRetryable());
    }

    @Test
    void a_token_that_could_not_be_a_header_value_is_rejected_without_a_call() {
        PlatformProblemException e =
                assertThrows(PlatformProblemException.class, () -> client.fetchSession("tok\r\nX-Evil: 1"));

        assertEquals(ProblemCode.TOKEN_INVALID, e.code());
        assertTrue(tokens.isEmpty());
        assertNull(e.problem().requestId());
    }
}
