package dev.interlink.platform.provider.cats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interlink.model.ats.Candidate;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.provider.ConnectorContractTest;
import dev.interlink.platform.provider.ListRequest;
import dev.interlink.platform.provider.ResourceOps;
import dev.interlink.sandbox.Sandbox;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatsConnectorTest extends ConnectorContractTest {
    @Override
    protected String providerId() {
        return "cats";
    }

    @Override
    protected Map<String, String> credentials(Sandbox.AccountInfo a) {
        return Map.of("api_key", a.apiKey());
    }

    /** docs/providers/cats.md §2: whether CATS clamps or refuses per_page over 100 is unknown; the switch says refuse. */
    @Test
    void a_page_size_over_one_hundred_is_never_requested_even_when_cats_would_refuse_it() {
        Sandbox.AccountInfo a = newAccount(150);
        sandbox.setQuirk(a.accountId(), "per_page_over_100", "400");
        // the switch is on: CATS itself refuses 101
        assertThatThrownBy(() -> ctx(a).getJson("/candidates", Map.of("per_page", "101")))
                .isInstanceOf(ApiProblem.class);
        ResourceOps<Candidate> ops = ops(AtsResource.CANDIDATES);
        assertThat(ops.maxPageSize()).isLessThanOrEqualTo(100);
        assertThat(ops.list()
                        .list(ctx(a), new ListRequest(null, ops.maxPageSize(), Map.of()))
                        .items())
                .hasSize(ops.maxPageSize());
    }
}
