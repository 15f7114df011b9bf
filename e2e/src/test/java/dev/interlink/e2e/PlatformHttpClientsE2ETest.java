package dev.interlink.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.admin.api.Dtos;
import dev.interlink.admin.api.HttpPlatformAdminClient;
import dev.interlink.admin.api.PlatformProblem;
import dev.interlink.link.api.CreatedAccount;
import dev.interlink.link.api.HttpPlatformLinkClient;
import dev.interlink.link.api.LinkSession;
import dev.interlink.link.api.PlatformProblemException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The two UIs' HTTP clients ({@code admin-ui}'s {@link HttpPlatformAdminClient}, {@code link-ui}'s
 * {@link HttpPlatformLinkClient}) against a real platform-api process (the {@link Stack}), not only the fakes their
 * view tests use: every route, body and answer shape they rely on is the server's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformHttpClientsE2ETest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String WORKSPACE = "clients-co";
    static final String EMAIL = "admin@clients.e2e.test";
    static final String PASSWORD = "clients-e2e-" + UUID.randomUUID();

    Stack stack;
    HttpPlatformAdminClient admin;
    HttpPlatformLinkClient link;
    String token;

    @BeforeAll
    void start() throws Exception {
        stack = Stack.startWithoutBrowser("http-clients");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        stack.runCliWithStdin(
                java,
                List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                "http-clients",
                PASSWORD + "\n", // on stdin, never on the command line
                "tenant",
                "create",
                "--name",
                "Clients Co",
                "--slug",
                WORKSPACE,
                "--admin-email",
                EMAIL,
                "--admin-password-stdin");
        admin = new HttpPlatformAdminClient(URI.create(stack.apiUrl));
        link = new HttpPlatformLinkClient(
                URI.create(stack.apiUrl), Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(45));
        token = admin.signIn(WORKSPACE, EMAIL, PASSWORD).accessToken();
    }

    @AfterAll
    void stop() {
        if (stack != null) stack.close();
    }

    @Test
    void the_admin_client_signs_in_and_reads_its_own_tenant() {
        Dtos.TenantSettings tenant = admin.tenant(token);
        assertEquals("Clients Co", tenant.name());
        assertNotNull(tenant.id());
    }

    @Test
    void a_wrong_password_is_a_platform_problem_with_status_and_code() {
        PlatformProblem p =
                assertThrows(PlatformProblem.class, () -> admin.signIn(WORKSPACE, EMAIL, "not-the-password"));
        assertEquals(401, p.status());
        assertNotNull(p.code());
    }

    @Test
    void an_api_client_is_created_rotated_and_revoked_through_the_admin_client() {
        Dtos.CreatedClient created = admin.createApiClient(token, "reporting", List.of("accounts:read"));
        assertNotNull(created.clientSecret());
        UUID id = created.client().id();
        assertTrue(admin.apiClients(token).stream().anyMatch(c -> c.id().equals(id) && !c.revoked()));
        String rotated = admin.rotateSecret(token, id);
        assertFalse(rotated.isBlank());
        assertNotEquals(created.clientSecret(), rotated);
        admin.revokeApiClient(token, id);
        assertTrue(admin.apiClients(token).stream().noneMatch(c -> c.id().equals(id) && !c.revoked()));
    }

    @Test
    void an_account_linked_through_the_link_client_is_managed_through_the_admin_client() throws Exception {
        String linkToken = newLinkToken("clients-e2e-1");
        LinkSession session = link.fetchSession(linkToken);
        assertTrue(session.provider("cats").isPresent(), "cats offered: " + session.providers());

        JsonNode cats = stack.sandboxAccount("cats");
        CreatedAccount account = link.createAccount(
                linkToken, "cats", Map.of("api_key", cats.path("api_key").asText()));
        UUID id = UUID.fromString(account.integratedAccountId());
        assertEquals("cats", account.provider());

        Dtos.Page<Dtos.Account> page =
                admin.accounts(token, new Dtos.AccountQuery(null, null, null, null, true), null, 50);
        assertTrue(page.result().stream().anyMatch(a -> a.id().equals(id) && "clients-e2e-1".equals(a.endUserId())));

        Map<?, ?> candidates =
                (Map<?, ?>) ((Map<?, ?>) admin.capabilities(token, id).get("resources")).get("candidates");
        assertTrue(((List<?>) candidates.get("write_operations")).contains("create"), String.valueOf(candidates));

        assertTrue(admin.testConnection(token, id).ok());
        assertEquals("disabled", admin.setAccountEnabled(token, id, false).status());
        assertTrue(admin.statusHistory(token, id).stream().anyMatch(c -> "disabled".equals(c.status())));
    }

    @Test
    void credentials_the_provider_rejects_are_a_link_problem_with_its_code() throws Exception {
        String linkToken = newLinkToken("clients-e2e-2");
        PlatformProblemException p = assertThrows(
                PlatformProblemException.class,
                () -> link.createAccount(linkToken, "cats", Map.of("api_key", "wrong-key-0000000")));
        assertEquals("INTEGRATION.CREDENTIALS_INVALID", p.code());
    }

    @Test
    void an_unknown_link_token_is_a_token_problem() {
        PlatformProblemException p =
                assertThrows(PlatformProblemException.class, () -> link.fetchSession("lt_not-a-real-token"));
        assertTrue(p.isTokenProblem(), p.code());
    }

    /** {@code POST /link-tokens} with the admin token (it carries every scope), as admin-ui's re-authorization does. */
    private String newLinkToken(String endUser) throws Exception {
        String body = JSON.writeValueAsString(Map.of("end_user", Map.of("id", endUser), "providers", List.of("cats")));
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(stack.apiUrl + "/link-tokens"))
                                .timeout(Duration.ofSeconds(10))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201 && r.statusCode() != 200)
            fail("POST /link-tokens answered " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body()).path("link_token").asText();
    }
}
