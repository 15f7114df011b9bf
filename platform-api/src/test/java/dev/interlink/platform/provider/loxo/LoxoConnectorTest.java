package dev.interlink.platform.provider.loxo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.ConnectorContractTest;
import dev.interlink.platform.provider.ListRequest;
import dev.interlink.sandbox.Sandbox;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LoxoConnectorTest extends ConnectorContractTest {
    @Override
    protected String providerId() {
        return "loxo";
    }

    @Override
    protected Map<String, String> credentials(Sandbox.AccountInfo a) {
        return Map.of("api_key", a.apiKey(), "agency_slug", a.agencySlug());
    }

    /** docs/providers/loxo.md §1: 401 or 403 for a bad key is not settled; both must ask for re-authorization. */
    @Test
    void a_bad_key_answered_403_asks_for_reauthorization_like_401() {
        Sandbox.AccountInfo a = newAccount(20);
        sandbox.setQuirk(a.accountId(), "auth_failure_status", 403);
        AtomicReference<String> reauth = new AtomicReference<>();
        ConnectorContext bad = ctx(a, wrongCredentials(a), reauth);
        assertThatThrownBy(() -> ops(AtsResource.CANDIDATES).list().list(bad, new ListRequest(null, 5, Map.of())))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.INTEGRATION_REAUTH_REQUIRED));
        assertThat(reauth.get()).contains("403");
    }

    /** docs/providers/loxo.md §6.2: an unknown person event is 200 with a null body (live); the switch answers 404. */
    @Test
    void an_unknown_person_event_is_not_found_whether_loxo_answers_null_or_404() {
        Sandbox.AccountInfo a = newAccount(20);
        assertThatThrownBy(() -> LoxoConnector.found(ctx(a).getJson("/person_events/999999999")))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.REMOTE_NOT_FOUND));
        sandbox.setQuirk(a.accountId(), "unknown_person_event", 404);
        assertThatThrownBy(() -> LoxoConnector.found(ctx(a).getJson("/person_events/999999999")))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.REMOTE_NOT_FOUND));
    }
}
