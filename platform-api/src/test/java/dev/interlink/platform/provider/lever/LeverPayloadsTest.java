package dev.interlink.platform.provider.lever;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlink.platform.common.FieldError;
import dev.interlink.platform.provider.AtsWriter.CandidateInput;
import dev.interlink.platform.provider.AtsWriter.EmailInput;
import dev.interlink.platform.provider.AtsWriter.PhoneInput;
import dev.interlink.platform.provider.AtsWriter.UrlInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Lever bodies and write rules without a provider (docs/providers/lever.md §9); the contact update in particular,
 * which the simulator does not implement (§8).
 */
class LeverPayloadsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static CandidateInput input(
            String first,
            String last,
            String title,
            List<EmailInput> emails,
            List<PhoneInput> phones,
            String... present) {
        return new CandidateInput(
                first, last, title, null, emails, phones, List.of(), List.of(), null, Set.of(present));
    }

    @Test
    void a_create_sends_one_name_the_headline_and_the_primary_email_first() {
        ObjectNode b = LeverPayloads.opportunity(new CandidateInput(
                "Ada",
                "Lovelace",
                "Analyst",
                null,
                List.of(new EmailInput("b@x.example", "WORK", false), new EmailInput("a@x.example", "PERSONAL", true)),
                List.of(new PhoneInput("+1 555 0100", null, "MOBILE"), new PhoneInput("+1 555 0101", null, "FAX")),
                List.of(new UrlInput("https://github.com/ada", "GITHUB")),
                List.of("Senior"),
                null,
                Set.of("first_name", "last_name", "title", "emails", "phones", "urls", "tags")));
        assertThat(b.get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(b.get("headline").asText()).isEqualTo("Analyst");
        assertThat(b.get("emails").toString()).isEqualTo("[\"a@x.example\",\"b@x.example\"]");
        assertThat(b.get("phones").toString())
                .isEqualTo(
                        "[{\"type\":\"mobile\",\"value\":\"+1 555 0100\"},{\"type\":\"other\",\"value\":\"+1 555 0101\"}]");
        assertThat(b.get("links").toString()).isEqualTo("[\"https://github.com/ada\"]");
        assertThat(b.get("tags").toString()).isEqualTo("[\"Senior\"]");
    }

    @Test
    void a_contact_update_keeps_what_it_does_not_change_and_sends_the_given_emails_and_phones_as_the_sets() {
        JsonNode current = json("{'id':'c1','name':'Ada Lovelace','headline':'Analyst','location':{'name':'London'},"
                + "'emails':['ada@x.example','old@x.example'],'phones':[{'type':'mobile','value':'+1 (555) 0100'}]}");
        ObjectNode b = LeverPayloads.contact(
                current,
                input(
                        null,
                        "King",
                        null,
                        List.of(
                                new EmailInput("ADA@x.example", null, true),
                                new EmailInput("new@x.example", null, false)),
                        List.of(new PhoneInput("+15550100", null, "MOBILE"), new PhoneInput("+15550199", null, "WORK")),
                        "last_name",
                        "emails",
                        "phones"));
        assertThat(b.get("name").asText()).isEqualTo("Ada King");
        assertThat(b.get("headline").asText()).isEqualTo("Analyst");
        assertThat(b.get("location").asText()).isEqualTo("London");
        assertThat(b.get("emails").toString()).isEqualTo("[\"ADA@x.example\",\"new@x.example\"]");
        assertThat(b.get("phones")).hasSize(2);
        assertThat(b.get("phones").get(1).get("value").asText()).isEqualTo("+15550199");
    }

    @Test
    void a_contact_update_without_emails_or_phones_sends_the_stored_ones_back_unchanged() {
        JsonNode current = json("{'id':'c1','name':'Ada Lovelace','emails':['ada@x.example'],"
                + "'phones':[{'type':'mobile','value':'+1 (555) 0100'}]}");
        ObjectNode b = LeverPayloads.contact(current, input("Augusta", null, null, List.of(), List.of(), "first_name"));
        assertThat(b.get("emails").toString()).isEqualTo("[\"ada@x.example\"]");
        assertThat(b.get("phones").toString()).isEqualTo("[{\"type\":\"mobile\",\"value\":\"+1 (555) 0100\"}]");
    }

    @Test
    void a_new_opportunity_for_a_job_names_the_contact_one_posting_and_the_stage() {
        assertThat(LeverPayloads.application("c1", "p1", "lead-new").toString())
                .isEqualTo("{\"contact\":\"c1\",\"postings\":[\"p1\"],\"stage\":\"lead-new\"}");
        assertThat(LeverPayloads.application("c1", "p1", null).has("stage")).isFalse();
    }

    @Test
    void validate_refuses_what_a_lever_person_cannot_hold() {
        List<FieldError> errors = new ArrayList<>();
        new LeverWriter(null)
                .validate(
                        new CandidateInput(
                                "Ada",
                                null,
                                null,
                                "Acme",
                                List.of(),
                                List.of(new PhoneInput("+15550100", "12", "WORK")),
                                List.of(),
                                List.of(),
                                Map.of("x", JSON.getNodeFactory().textNode("y")),
                                Set.of("first_name", "company_name", "phones", "custom_fields")),
                        errors);
        assertThat(errors)
                .extracting(FieldError::pointer)
                .containsExactly("/company_name", "/phones/0/extension", "/custom_fields");
    }
}
