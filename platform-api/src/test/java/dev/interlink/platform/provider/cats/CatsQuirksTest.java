package dev.interlink.platform.provider.cats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.model.ats.Application;
import dev.interlink.model.ats.Candidate;
import dev.interlink.model.ats.Job;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CATS behaviours the mapper tolerates (docs/providers/cats.md §1, §5); one quirk per test. */
class CatsQuirksTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void unknown_fields_are_ignored() {
        Candidate c = CatsMapper.candidate(json("{'id':1,'first_name':'Ada','brand_new_field':{'x':[1,2]}}"));
        assertThat(c.firstName()).isEqualTo("Ada");
    }

    @Test
    void ids_given_as_strings_map_like_ids_given_as_numbers() {
        // webhook and embedded samples send "id": "123456789" (§1 [LIVE])
        Candidate asString = CatsMapper.candidate(json("{'id':'123456789','owner_id':'42'}"));
        Candidate asNumber = CatsMapper.candidate(json("{'id':123456789,'owner_id':42}"));
        assertThat(asString.id()).isEqualTo(asNumber.id());
        assertThat(asString.owner()).isEqualTo(asNumber.owner());
    }

    @Test
    void emails_as_the_primary_secondary_summary_object_become_rows() {
        Candidate c = CatsMapper.candidate(json("{'id':1,'emails':{'primary':'a@x.com','secondary':'b@x.com'}}"));
        assertThat(c.emails()).extracting("email").containsExactly("a@x.com", "b@x.com");
        assertThat(c.emails().get(0).isPrimary()).isTrue();
        assertThat(c.emails().get(1).isPrimary()).isFalse();
    }

    @Test
    void emails_as_an_array_of_rows_keep_the_primary_flag() {
        Candidate c = CatsMapper.candidate(json(
                "{'id':1,'emails':[{'email':'b@x.com','is_primary':false},{'email':'a@x.com','is_primary':true}]}"));
        assertThat(c.emails())
                .filteredOn(e -> e.isPrimary())
                .extracting("email")
                .containsExactly("a@x.com");
    }

    @Test
    void phones_as_the_home_cell_work_summary_object_become_typed_rows() {
        Candidate c = CatsMapper.candidate(json("{'id':1,'phones':{'home':null,'cell':'1234567890','work':null}}"));
        assertThat(c.phones()).hasSize(1);
        assertThat(c.phones().get(0).type()).isEqualTo("MOBILE");
        assertThat(c.phones().get(0).typeRaw()).isEqualTo("cell");
    }

    @Test
    void phones_as_an_array_of_rows_map_their_type() {
        Candidate c = CatsMapper.candidate(json("{'id':1,'phones':[{'number':'+1','extension':'9','type':'work'}]}"));
        assertThat(c.phones().get(0).type()).isEqualTo("WORK");
        assertThat(c.phones().get(0).extension()).isEqualTo("9");
    }

    @Test
    void money_given_as_strings_becomes_numbers() {
        Job j = CatsMapper.job(json("{'id':1,'salary':'120000','max_rate':'85'}"), Map.of());
        assertThat(j.compensation()).extracting("max").contains(new BigDecimal("120000"), new BigDecimal("85"));
    }

    @Test
    void timestamps_with_other_offsets_are_normalized_to_utc() {
        // pipelines answer -05:00 where candidates answer +00:00 for the same instant (§1 [LIVE])
        Application a = CatsMapper.application(
                json("{'id':1,'candidate_id':2,'job_id':3,'date_created':'2023-05-27T12:34:36-05:00'}"), Map.of());
        assertThat(a.remoteCreatedAt()).isEqualTo(Instant.parse("2023-05-27T17:34:36Z"));
    }

    @Test
    void a_status_mapping_decides_the_stage_category_and_the_outcome() {
        JsonNode placed = json("{'id':9,'workflow_id':5,'title':'Placed','mapping':'placed'}");
        Application a = CatsMapper.application(
                json("{'id':1,'candidate_id':2,'job_id':3,'status_id':9,'workflow_id':5}"), Map.of("9", placed));
        assertThat(a.currentStage().category()).isEqualTo("HIRED");
        assertThat(a.currentStage().categoryRaw()).isEqualTo("placed");
        assertThat(a.status()).isEqualTo("HIRED");
    }

    @Test
    void an_unknown_job_status_is_other_with_the_raw_value_kept() {
        Job j = CatsMapper.job(json("{'id':1,'status_id':77}"), Map.of("77", "Sourcing Paused"));
        assertThat(j.status()).isEqualTo("OTHER");
        assertThat(j.statusRaw()).isEqualTo("Sourcing Paused");
    }

    @Test
    void an_attachment_size_given_as_a_string_reads_like_a_number() {
        var s = CatsMapper.attachment(json("{'id':9,'filename':'cv.pdf','size':'2048','version':'1'}"));
        var n = CatsMapper.attachment(json("{'id':9,'filename':'cv.pdf','size':2048,'version':1}"));
        assertThat(s.sizeBytes()).isEqualTo(2048L).isEqualTo(n.sizeBytes());
    }

    @Test
    void an_email_given_as_a_plain_string_is_the_primary_email() {
        Candidate c = CatsMapper.candidate(json("{'id':1,'emails':'ada@example.com'}"));
        assertThat(c.emails()).extracting(e -> e.email()).containsExactly("ada@example.com");
        assertThat(c.emails().get(0).isPrimary()).isTrue();
    }

    @Test
    void a_null_field_and_a_missing_field_read_the_same() {
        Candidate nulls = CatsMapper.candidate(
                json("{'id':1,'title':null,'current_employer':null,'website':null,'social_media_urls':null}"));
        Candidate missing = CatsMapper.candidate(json("{'id':1}"));
        assertThat(nulls.title()).isNull();
        assertThat(nulls.companyName()).isNull();
        assertThat(nulls.urls()).isEqualTo(missing.urls()).isEmpty();
        assertThat(nulls.emails()).isEqualTo(missing.emails()).isEmpty();
    }

    // ---- the connector's requests (a scripted transport records what it sends) ----

    final CatsWriterTest.Scripted http = new CatsWriterTest.Scripted();
    final dev.interlink.platform.provider.ConnectorContext ctx = new dev.interlink.platform.provider.ConnectorContext(
            new dev.interlink.platform.provider.ConnectorContext.Target(
                    null,
                    java.util.UUID.randomUUID(),
                    "cats",
                    "CATS",
                    "http://cats.test/v3",
                    java.time.Duration.ofSeconds(1),
                    java.time.Duration.ofSeconds(1)),
            dev.interlink.platform.provider.auth.AccountAuth.fixed(Map.of("Authorization", "Token k")),
            http);

    @Test
    void embedded_email_and_phone_rows_win_over_the_summary_fields() {
        Candidate c = CatsMapper.candidate(json("{'id':1,'emails':{'primary':'old@example.com'},"
                + "'phones':{'home':'+1 555 0000'},"
                + "'_embedded':{'emails':[{'email':'row@example.com','is_primary':true}],"
                + "'phones':[{'number':'+1 555 1111','type':'mobile'}]}}"));
        assertThat(c.emails()).extracting(e -> e.email()).containsExactly("row@example.com");
        assertThat(c.phones()).extracting(p -> p.number()).containsExactly("+1 555 1111");
    }

    @Test
    void free_text_search_is_sent_as_query_never_as_q_which_cats_ignores() {
        http.answers.add(
                new CatsWriterTest.Answer(200, Map.of(), "{'_embedded':{'candidates':[]}}".replace('\'', '"')));
        new CatsConnector()
                .listCandidates(ctx, new dev.interlink.platform.provider.ListRequest(null, 5, Map.of("q", "ada")));
        java.net.URI sent = http.calls.get(0).uri();
        assertThat(sent.getPath()).isEqualTo("/v3/candidates/search");
        assertThat(sent.getRawQuery())
                .contains("query=ada")
                .doesNotContain("q=ada&")
                .doesNotStartWith("q=");
    }

    @Test
    void attachments_need_a_candidate_and_downloads_accept_any_media_type() {
        var ops = new CatsConnector()
                .resource(dev.interlink.platform.provider.AtsResource.ATTACHMENTS)
                .orElseThrow();
        assertThat(ops.requiredFilters()).containsExactly("candidate_id");
        http.answers.add(new CatsWriterTest.Answer(200, Map.of(), "%PDF"));
        ops.content()
                .content(ctx, dev.interlink.platform.provider.RemoteKey.of("55"))
                .close();
        assertThat(http.calls.get(0).uri().getPath()).isEqualTo("/v3/attachments/55/download");
        // asking only for JSON gets a 406 from CATS (docs/providers/cats.md §4.6)
        assertThat(http.calls.get(0).headers().get("Accept")).containsExactly("*/*");
    }
}
