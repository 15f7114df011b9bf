package dev.interlink.platform.provider.lever;

import static dev.interlink.platform.provider.lever.LeverPayloadsTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.model.ats.Address;
import dev.interlink.model.ats.Application;
import dev.interlink.model.ats.Attachment;
import dev.interlink.model.ats.Candidate;
import dev.interlink.model.ats.Job;
import dev.interlink.model.ats.User;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every form the Lever notes give for a shape that varies (docs/providers/lever.md, "Documented but not mapped" and
 * the shape list above it), read by the mapper: one test per form. The connector's behaviour against the simulator is
 * in {@code LeverQuirksTest}.
 */
class LeverShapesTest {
    static final LeverReference.Lookups NO_LOOKUPS = new LeverReference.Lookups(Map.of(), Map.of());

    static Candidate candidate(String opportunity) {
        return LeverMapper.candidate("c1", List.of(json(opportunity)));
    }

    @Test
    void times_given_as_epoch_millisecond_numbers_are_utc_instants() {
        Attachment a = LeverMapper.attachment(
                "o1",
                "c1",
                LeverMapper.FILE,
                json("{'id':'f1','name':'a.pdf','ext':'.pdf','uploadedAt':1468953420000,'size':1000}"));
        assertThat(a.remoteCreatedAt()).isEqualTo(Instant.ofEpochMilli(1468953420000L));
        assertThat(a.sizeBytes()).isEqualTo(1000L);
    }

    @Test
    void times_and_sizes_quoted_as_strings_like_the_docs_file_example_read_the_same() {
        Attachment a = LeverMapper.attachment(
                "o1",
                "c1",
                LeverMapper.FILE,
                json("{'id':'f1','name':'a.pdf','ext':'.pdf','uploadedAt':'1468953420000','size':'1000'}"));
        assertThat(a.remoteCreatedAt()).isEqualTo(Instant.ofEpochMilli(1468953420000L));
        assertThat(a.sizeBytes()).isEqualTo(1000L);
    }

    @Test
    void a_resume_keeps_its_file_under_file_with_an_ext_without_a_dot() {
        Attachment a = LeverMapper.attachment(
                "o1",
                "c1",
                LeverMapper.RESUME,
                json(
                        "{'id':'r1','createdAt':1468953420000,'file':{'name':'cv.pdf','ext':'pdf','uploadedAt':1468953420004,"
                                + "'status':'processed','size':1000}}"));
        assertThat(a.fileName()).isEqualTo("cv.pdf");
        assertThat(a.contentType()).isEqualTo("application/pdf");
        assertThat(a.type()).isEqualTo("RESUME");
        assertThat(a.remoteCreatedAt()).isEqualTo(Instant.ofEpochMilli(1468953420004L));
    }

    @Test
    void a_resume_without_its_file_object_is_still_listed_with_its_creation_time() {
        Attachment a =
                LeverMapper.attachment("o1", "c1", LeverMapper.RESUME, json("{'id':'r1','createdAt':1468953420000}"));
        assertThat(a.remoteId()).isEqualTo("r1");
        assertThat(a.fileName()).isNull();
        assertThat(a.remoteCreatedAt()).isEqualTo(Instant.ofEpochMilli(1468953420000L));
    }

    @Test
    void an_opportunity_location_is_a_string() {
        assertThat(candidate("{'id':'o1','contact':'c1','location':'Chennai'}").addresses())
                .extracting(Address::raw)
                .containsExactly("Chennai");
    }

    @Test
    void an_empty_opportunity_location_like_the_live_sample_is_no_address() {
        assertThat(candidate("{'id':'o1','contact':'c1','location':''}").addresses())
                .isEmpty();
    }

    @Test
    void a_contact_location_is_an_object_with_a_name() {
        Candidate c = LeverMapper.contactOnly(
                json("{'id':'c1','name':'Cosima Niehaus','location':{'name':'Toronto, ON, Canada'}}"));
        assertThat(c.addresses()).extracting(Address::raw).containsExactly("Toronto, ON, Canada");
    }

    @Test
    void emails_are_strings_on_opportunities_and_value_objects_are_read_too() {
        assertThat(candidate("{'id':'o1','contact':'c1','emails':['a@x.test',{'value':'b@x.test'}]}")
                        .emails())
                .extracting(e -> e.email())
                .containsExactly("a@x.test", "b@x.test");
    }

    @Test
    void a_phone_without_a_type_is_other_with_no_raw_type() {
        var phone = candidate("{'id':'o1','contact':'c1','phones':[{'value':'123-456-7890'}]}")
                .phones()
                .get(0);
        assertThat(phone.type()).isEqualTo("OTHER");
        assertThat(phone.typeRaw()).isNull();
    }

    @Test
    void a_typed_phone_keeps_lever_s_type_as_raw() {
        var phone = candidate("{'id':'o1','contact':'c1','phones':[{'type':'skype','value':'jane.s'}]}")
                .phones()
                .get(0);
        assertThat(phone.type()).isEqualTo("OTHER");
        assertThat(phone.typeRaw()).isEqualTo("skype");
    }

    @Test
    void an_owner_given_as_an_id_or_as_an_expanded_user_object_is_the_same_reference() {
        assertThat(candidate("{'id':'o1','contact':'c1','owner':'u1'}").owner().remoteId())
                .isEqualTo("u1");
        assertThat(candidate("{'id':'o1','contact':'c1','owner':{'id':'u1','name':'Ann'}}")
                        .owner()
                        .remoteId())
                .isEqualTo("u1");
    }

    @Test
    void archived_null_with_the_docs_legacy_null_keys_is_an_active_application() {
        Application a = LeverMapper.application(
                json("{'id':'o1','contact':'c1','stage':'lead-new','archived':null,'archivedAt':null,"
                        + "'archiveReason':null,'resume':null}"),
                NO_LOOKUPS);
        assertThat(a.status()).isEqualTo("ACTIVE");
    }

    @Test
    void archived_as_an_object_with_an_unknown_reason_is_rejected_with_the_reason_id_as_raw() {
        Application a = LeverMapper.application(
                json("{'id':'o1','contact':'c1','archived':{'reason':'r9','archivedAt':1732449793171}}"), NO_LOOKUPS);
        assertThat(a.status()).isEqualTo("REJECTED");
        assertThat(a.statusRaw()).isEqualTo("r9");
    }

    @Test
    void a_stage_given_as_an_id_or_as_an_expanded_object_is_the_same_stage() {
        JsonNode stages = json("{'offer':{'id':'offer','text':'Offer'}}");
        var lookups = new LeverReference.Lookups(Map.of("offer", stages.get("offer")), Map.of());
        assertThat(LeverMapper.application(json("{'id':'o1','stage':'offer'}"), lookups)
                        .currentStage()
                        .name())
                .isEqualTo("Offer");
        assertThat(LeverMapper.application(json("{'id':'o1','stage':{'id':'offer','text':'Offer'}}"), lookups)
                        .currentStage()
                        .name())
                .isEqualTo("Offer");
    }

    @Test
    void a_closed_posting_with_null_urls_channels_and_user_and_no_salary_is_a_closed_job() {
        Job j = LeverPostings.job(json("{'id':'p1','text':'Infra','state':'closed','urls':null,"
                + "'distributionChannels':null,'user':null,'workplaceType':'unspecified','categories':{}}"));
        assertThat(j.status()).isEqualTo("CLOSED");
        assertThat(j.compensation()).isEmpty();
        assertThat(j.remoteUrl()).isNull();
    }

    @Test
    void a_user_deactivated_at_a_time_is_inactive_and_null_is_active() {
        User gone = LeverMapper.user(json("{'id':'u1','name':'Ann Lee','deactivatedAt':1563996364234}"));
        User here = LeverMapper.user(json("{'id':'u2','name':'Bo Yu','deactivatedAt':null}"));
        assertThat(gone.status()).isEqualTo("INACTIVE");
        assertThat(here.status()).isEqualTo("ACTIVE");
    }
}
