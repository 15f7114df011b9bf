package dev.interlink.platform.provider.cats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.interlink.model.ats.Candidate;
import dev.interlink.model.ats.Ref;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.provider.ConnectorContractTest;
import dev.interlink.platform.provider.ListRequest;
import dev.interlink.platform.provider.Page;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.provider.ResourceOps;
import dev.interlink.platform.provider.Tolerant;
import dev.interlink.sandbox.Sandbox;
import java.util.List;
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

    @Test
    void a_candidate_read_by_id_carries_its_tags_by_name() {
        ResourceOps<Candidate> ops = ops(AtsResource.CANDIDATES);
        // the sandbox seeds a tag on every seventh candidate; find one whose CATS record has tags
        Candidate tagged = null;
        List<String> native_ = List.of();
        for (Candidate c : ops.list()
                .list(ctx(account), new ListRequest(null, 20, Map.of()))
                .items()) {
            native_ = Tolerant.items(ctx(account).getJson("/candidates/" + c.remoteId() + "/tags"), "tags").stream()
                    .map(t -> Tolerant.text(t, "title"))
                    .toList();
            if (!native_.isEmpty()) {
                tagged = c;
                break;
            }
        }
        assertThat(tagged).as("a seeded candidate with tags").isNotNull();
        Candidate got = ops.get().get(ctx(account), RemoteKey.of(tagged.remoteId()));
        assertThat(got.tags()).extracting(Ref::name).containsExactlyElementsOf(native_);
        assertThat(got.tags()).allSatisfy(t -> assertThat(t.remoteId()).isNotBlank());
    }

    @Test
    void a_candidate_list_says_it_is_partial_because_cats_lists_no_tags() {
        ResourceOps<Candidate> ops = ops(AtsResource.CANDIDATES);
        Page<Candidate> page = ops.list().list(ctx(account), new ListRequest(null, 20, Map.of()));
        assertThat(page.partial()).isTrue();
        assertThat(page.warnings()).extracting(w -> w.code()).contains("PARTIAL_RECORDS");
        assertThat(page.items()).allSatisfy(c -> assertThat(c.tags()).isEmpty());
        assertThat(ops.getOnlyFields()).containsExactly("tags");
        assertThat(ops.fields()).contains("tags");
    }
}
