package dev.interlink.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.interlink.platform.account.ProviderSandbox;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.sdk.ApiClient;
import dev.interlink.sdk.ApiException;
import dev.interlink.sdk.api.AuthApi;
import dev.interlink.sdk.api.IntegratedAccountsApi;
import dev.interlink.sdk.api.LinkingApi;
import dev.interlink.sdk.api.UnifiedAtsApi;
import dev.interlink.sdk.model.ApplicationCreate;
import dev.interlink.sdk.model.Candidate;
import dev.interlink.sdk.model.CandidatePage;
import dev.interlink.sdk.model.EndUser;
import dev.interlink.sdk.model.ErrorCode;
import dev.interlink.sdk.model.IntegratedAccountCreate;
import dev.interlink.sdk.model.LinkToken;
import dev.interlink.sdk.model.LinkTokenCreate;
import dev.interlink.sdk.model.Problem;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java SDK (module sdk-java, generated at build time from the OpenAPI document by openapi-generator) used the
 * way an integrator would, against a real server: nothing here is hand-written client code.
 */
@MicronautTest(transactional = false)
class JavaSdkTest extends ApiTest {
    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    ApiClient client;
    String accessToken;
    String account;

    @Override
    protected Map<String, String> extraProperties() {
        return ProviderSandbox.properties();
    }

    @BeforeAll
    void connect() throws ApiException {
        TenantService.Bootstrap acme = tenants.create("SDK Recruiting");
        client = new ApiClient();
        client.updateBaseUri(server.getURI().toString().replaceAll("/$", ""));
        accessToken = new AuthApi(client)
                .createToken("client_credentials", acme.clientId(), acme.clientSecret(), null)
                .getAccessToken();
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + accessToken));
        account = new IntegratedAccountsApi(client)
                .createIntegratedAccount(new IntegratedAccountCreate()
                        .provider("cats")
                        .endUser(new EndUser().id("customer-42"))
                        .credentials(Map.of(
                                "api_key",
                                ProviderSandbox.get()
                                        .createAccount("cats", 3, 5)
                                        .apiKey())))
                .getId()
                .toString();
    }

    @Test
    void the_token_call_answers_a_bearer_token() {
        assertThat(accessToken).isNotBlank();
    }

    @Test
    void a_link_token_comes_with_the_url_of_the_link_widget() throws ApiException {
        LinkToken link = new LinkingApi(client)
                .createLinkToken(new LinkTokenCreate()
                        .endUser(new EndUser().id("customer-43").email("jane@customer.example"))
                        .providers(List.of("cats")));
        assertThat(link.getLinkToken()).isNotBlank();
        assertThat(link.getLinkUrl()).contains(link.getLinkToken());
    }

    @Test
    void candidates_are_listed_page_by_page_with_the_next_cursor() throws ApiException {
        UnifiedAtsApi ats = new UnifiedAtsApi(client);
        CandidatePage first = ats.listCandidates(account, null, 2, null, null, null, null, null, null, null);
        assertThat(first.getResult()).hasSize(2);
        assertThat(first.getNextCursor()).isNotNull();
        CandidatePage second =
                ats.listCandidates(account, null, 2, first.getNextCursor(), null, null, null, null, null, null);
        assertThat(second.getResult()).isNotEmpty();
        assertThat(second.getResult().stream().map(Candidate::getId))
                .doesNotContainAnyElementsOf(
                        first.getResult().stream().map(Candidate::getId).toList());
    }

    @Test
    void an_invalid_write_is_read_back_as_a_problem_with_its_code_and_fields() throws Exception {
        ApiException e = catchThrowableOfType(ApiException.class, () -> new UnifiedAtsApi(client)
                .createApplication(
                        new ApplicationCreate().candidateId("not-an-id").jobId("not-an-id"), account, null, null));
        assertThat(e.getCode()).isEqualTo(400);
        Problem problem = client.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
        assertThat(problem.getCode()).isEqualTo(ErrorCode.PLATFORM_INPUT_INVALID);
        assertThat(problem.getErrors()).isNotEmpty();
    }
}
