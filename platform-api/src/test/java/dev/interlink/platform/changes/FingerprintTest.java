package dev.interlink.platform.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.platform.provider.AtsResource;
import org.junit.jupiter.api.Test;

class FingerprintTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s.replace('\'', '"'));
    }

    @Test
    void key_order_does_not_change_the_fingerprint() throws Exception {
        Fingerprint a = Fingerprint.of(AtsResource.JOBS, json("{'id':'1','name':'X','custom_fields':{'a':1,'b':2}}"));
        Fingerprint b = Fingerprint.of(AtsResource.JOBS, json("{'custom_fields':{'b':2,'a':1},'name':'X','id':'1'}"));
        assertThat(a.hash()).isEqualTo(b.hash());
    }

    @Test
    void volatile_fields_are_not_compared() throws Exception {
        Fingerprint a = Fingerprint.of(
                AtsResource.CANDIDATES,
                json("{'id':'1','remote_updated_at':'2026-01-01T00:00:00Z','remote_data':{'x':1},"
                        + "'applications':[{'id':'a'}]}"));
        Fingerprint b = Fingerprint.of(
                AtsResource.CANDIDATES,
                json("{'id':'1','remote_updated_at':'2026-02-02T00:00:00Z','remote_data':{'x':2},"
                        + "'applications':[{'id':'a'},{'id':'b'}]}"));
        assertThat(a.hash()).isEqualTo(b.hash());
    }

    @Test
    void the_changed_top_level_fields_are_named_including_added_and_removed_ones() throws Exception {
        Fingerprint before = Fingerprint.of(
                AtsResource.CANDIDATES, json("{'id':'1','title':'A','emails':[{'email':'a@x'}],'source':'web'}"));
        Fingerprint after = Fingerprint.of(
                AtsResource.CANDIDATES, json("{'id':'1','title':'B','emails':[{'email':'a@x'}],'owner':{'id':'u'}}"));
        assertThat(after.changedFrom(before.fields())).containsExactly("owner", "source", "title");
    }

    @Test
    void an_application_stage_move_does_not_change_its_fingerprint() throws Exception {
        Fingerprint a = Fingerprint.of(
                AtsResource.APPLICATIONS, json("{'id':'1','current_stage':{'id':'s1'},'status':'ACTIVE'}"));
        Fingerprint b = Fingerprint.of(
                AtsResource.APPLICATIONS, json("{'id':'1','current_stage':{'id':'s2'},'status':'HIRED'}"));
        assertThat(a.hash()).isEqualTo(b.hash());
    }

    @Test
    void a_field_the_provider_fills_on_get_only_is_not_compared() throws Exception {
        // CATS: a list has no tags, a get has them (ResourceOps.getOnlyFields); both are the same record
        Fingerprint listed = Fingerprint.of(
                AtsResource.CANDIDATES, json("{'id':'1','title':'A','tags':[]}"), java.util.Set.of("tags"));
        Fingerprint got = Fingerprint.of(
                AtsResource.CANDIDATES,
                json("{'id':'1','title':'A','tags':[{'remote_id':'679','name':'Hot lead'}]}"),
                java.util.Set.of("tags"));
        assertThat(got.hash()).isEqualTo(listed.hash());
    }

    @Test
    void the_same_field_is_compared_where_the_list_fills_it_too() throws Exception {
        Fingerprint before = Fingerprint.of(AtsResource.CANDIDATES, json("{'id':'1','tags':[]}"));
        Fingerprint after = Fingerprint.of(AtsResource.CANDIDATES, json("{'id':'1','tags':[{'name':'python'}]}"));
        assertThat(after.changedFrom(before.fields())).containsExactly("tags");
    }
}
