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
    // ---- shapes the notes say vary (docs/providers/loxo.md §6), one form per test ----

    @Test
    void tags_as_the_comma_joined_string_become_tag_names() {
        Candidate c = LoxoMapper.candidate(json("{'id':1,'all_raw_tags':'python, remote ,java'}"));
        assertThat(c.tags()).extracting(t -> t.name()).containsExactly("python", "remote", "java");
    }

    @Test
    void tags_as_an_array_of_strings_become_tag_names() {
        Candidate c = LoxoMapper.candidate(json("{'id':1,'all_raw_tags':['python','remote']}"));
        assertThat(c.tags()).extracting(t -> t.name()).containsExactly("python", "remote");
    }

    @Test
    void an_empty_tag_string_a_null_and_a_missing_field_are_no_tags() {
        assertThat(LoxoMapper.candidate(json("{'id':1,'all_raw_tags':''}")).tags())
                .isEmpty();
        assertThat(LoxoMapper.candidate(json("{'id':1,'all_raw_tags':null}")).tags())
                .isEmpty();
        assertThat(LoxoMapper.candidate(json("{'id':1}")).tags()).isEmpty();
    }

    @Test
    void emails_and_phones_given_as_bare_strings_are_read_like_rows() {
        Candidate c = LoxoMapper.candidate(json("{'id':1,'emails':['a@x.com'],'phones':['+1 555 0100']}"));
        assertThat(c.emails()).extracting("email").containsExactly("a@x.com");
        assertThat(c.phones()).extracting("number").containsExactly("+1 555 0100");
    }

    @Test
    void ids_given_as_strings_map_like_ids_given_as_numbers() {
        Candidate n = LoxoMapper.candidate(json("{'id':166640410,'owned_by_id':150101}"));
        Candidate s = LoxoMapper.candidate(json("{'id':'166640410','owned_by_id':'150101'}"));
        assertThat(s.id()).isEqualTo(n.id());
        assertThat(s.owner().remoteId()).isEqualTo(n.owner().remoteId());
    }

    @Test
    void a_job_owner_row_names_its_user_by_user_id_not_by_its_own_row_id() {
        Job j = LoxoMapper.job(
                json("{'id':3,'owners':[{'id':11,'position':1,'name':'Jane Recruiter','user_id':150101}]}"));
        assertThat(j.hiringTeam()).hasSize(1);
        assertThat(j.hiringTeam().get(0).user().remoteId()).isEqualTo("150101");
        assertThat(j.hiringTeam().get(0).user().name()).isEqualTo("Jane Recruiter");
    }

    @Test
    void a_job_owner_given_as_a_bare_id_is_read_as_the_user_id() {
        Job j = LoxoMapper.job(json("{'id':3,'owners':[150101]}"));
        assertThat(j.hiringTeam().get(0).user().remoteId()).isEqualTo("150101");
    }

    @Test
    void custom_fields_are_the_top_level_custom_keys_texts_as_strings_hierarchies_as_given() {
        Candidate c = LoxoMapper.candidate(json(
                "{'id':1,'custom_text_1':'blue','custom_text_2':null,'custom_hierarchy_1':[{'id':5704030,'value':'EMEA'}],"
                        + "'current_title':'x'}"));
        assertThat(c.customFields()).containsOnlyKeys("custom_text_1", "custom_text_2", "custom_hierarchy_1");
        assertThat(c.customFields().get("custom_text_1")).isEqualTo("blue");
        assertThat(c.customFields().get("custom_text_2")).isNull();
        assertThat(c.customFields().get("custom_hierarchy_1").toString()).contains("5704030");
    }

    @Test
    void a_time_with_an_offset_is_normalized_to_utc() {
        Candidate c = LoxoMapper.candidate(json("{'id':1,'created_at':'2024-07-15T12:28:19.935-04:00'}"));
        assertThat(c.remoteCreatedAt()).isEqualTo(Instant.parse("2024-07-15T16:28:19.935Z"));
    }
}
