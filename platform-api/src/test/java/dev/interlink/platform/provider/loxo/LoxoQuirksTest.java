package dev.interlink.platform.provider.loxo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.interlink.model.ats.Application;
import dev.interlink.model.ats.Candidate;
import dev.interlink.model.ats.Job;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.Tolerant;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Loxo behaviours the connector tolerates (docs/providers/loxo.md §2, §7); one quirk per test. */
class LoxoQuirksTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_bare_array_list_is_read_like_a_wrapped_one() {
        assertThat(Tolerant.items(json("[{'id':1},{'id':2}]"), "users")).hasSize(2);
        assertThat(Tolerant.items(json("{'users':[{'id':1}]}"), "users")).hasSize(1);
    }

    @Test
    void a_null_body_is_not_found_not_an_empty_record() {
        // an unknown id can answer 200 with the body `null` (§7 [LIVE])
        assertThatThrownBy(() -> LoxoConnector.found(NullNode.getInstance()))
                .isInstanceOfSatisfying(
                        ApiProblem.class, p -> assertThat(p.code()).isEqualTo(ErrorCode.REMOTE_NOT_FOUND));
    }

    @Test
    void a_null_list_body_is_an_empty_list() {
        assertThat(Tolerant.items(NullNode.getInstance(), "people")).isEmpty();
    }

    @Test
    void job_money_as_strings_becomes_numbers() {
        Job j = LoxoMapper.job(json("{'id':1,'salary_min':'70000','salary_max':'90000.0'}"));
        assertThat(j.compensation().get(0).min()).isEqualByComparingTo(new BigDecimal("70000"));
        assertThat(j.compensation().get(0).max()).isEqualByComparingTo(new BigDecimal("90000"));
    }

    @Test
    void millisecond_utc_timestamps_are_read() {
        Candidate c =
                LoxoMapper.candidate(json("{'id':1,'name':'Ada Lovelace','created_at':'2024-07-15T16:28:19.935Z'}"));
        assertThat(c.remoteCreatedAt()).isEqualTo(Instant.parse("2024-07-15T16:28:19.935Z"));
        assertThat(c.firstName()).isEqualTo("Ada");
        assertThat(c.lastName()).isEqualTo("Lovelace");
    }

    @Test
    void emails_given_as_value_rows_become_emails_with_one_primary() {
        Candidate c = LoxoMapper.candidate(
                json("{'id':1,'emails':[{'id':5,'value':'a@x.com','email_type_id':1455},{'id':6,'value':'b@x.com'}]}"));
        assertThat(c.emails()).extracting("email").containsExactly("a@x.com", "b@x.com");
        assertThat(c.emails()).filteredOn(e -> e.isPrimary()).hasSize(1);
    }

    @Test
    void a_job_candidate_gets_a_composite_id_and_a_stage_category_from_the_stage_name() {
        Application a = LoxoMapper.application(
                json("{'id':55,'job_id':34,'person_id':23,'workflow_stage_id':7}"),
                Map.of("7", json("{'id':7,'name':'Submitted to Client'}")));
        assertThat(a.remoteId()).isEqualTo("[34,55]");
        assertThat(a.currentStage().category()).isEqualTo("SUBMITTED");
        assertThat(a.currentStage().categoryRaw()).isEqualTo("Submitted to Client");
        assertThat(a.candidate().remoteId()).isEqualTo("23");
    }

    @Test
    void a_rejection_reason_makes_the_application_rejected_whatever_the_stage() {
        Application a = LoxoMapper.application(
                json(
                        "{'id':55,'job_id':34,'person_id':23,'workflow_stage_id':7,'candidate_rejection_reason':'Overqualified'}"),
                Map.of("7", json("{'id':7,'name':'Interview'}")));
        assertThat(a.status()).isEqualTo("REJECTED");
        assertThat(a.statusRaw()).isEqualTo("Overqualified");
    }
}
