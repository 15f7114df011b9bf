package dev.interlink.platform.provider.loxo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.provider.AtsWriter.CandidateInput;
import dev.interlink.platform.provider.AtsWriter.EmailInput;
import dev.interlink.platform.provider.AtsWriter.PhoneInput;
import dev.interlink.platform.provider.AtsWriter.UrlInput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Unified candidate fields → Loxo form bodies with Rails bracket keys (docs/providers/loxo.md §4 "Request encoding",
 * §6.1): {@code person[name]}, {@code person[emails][][value]}, {@code person[phones][][value]},
 * {@code person[title]}, {@code person[company]}, {@code person[all_raw_tags][]}; never the rejected
 * {@code email_addresses}, {@code phone_numbers} or {@code tag_list}.
 */
final class LoxoPayloads {
    private LoxoPayloads() {}

    /** An ordered list of form fields. */
    record Form(List<String[]> fields) {
        Form() {
            this(new ArrayList<>());
        }

        Form add(String key, String value) {
            if (value != null) fields.add(new String[] {key, value});
            return this;
        }

        boolean isEmpty() {
            return fields.isEmpty();
        }

        byte[] encode() {
            StringBuilder sb = new StringBuilder();
            for (String[] f : fields) {
                if (sb.length() > 0) sb.append('&');
                sb.append(URLEncoder.encode(f[0], StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(f[1], StandardCharsets.UTF_8));
            }
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * The person fields of a create or update. {@code knownEmails}/{@code knownPhones} (update) are the values already
     * stored: Loxo appends the rows it is sent, so only the missing ones are sent.
     */
    static Form person(CandidateInput in, String currentName, Set<String> knownEmails, Set<String> knownPhones) {
        return person(in, currentName, knownEmails, knownPhones, true);
    }

    /**
     * Without {@code contacts} the emails and phones are left out: an update adds them through their own POST
     * sub-resources, because a PUT that appends rows is not idempotent and the shared pipeline may retry a PUT.
     */
    static Form person(
            CandidateInput in, String currentName, Set<String> knownEmails, Set<String> knownPhones, boolean contacts) {
        Form f = new Form();
        if (in.has("first_name") || in.has("last_name")) {
            String[] cur = LoxoMapper.split(currentName);
            String first = in.has("first_name") ? in.firstName() : cur[0];
            String last = in.has("last_name") ? in.lastName() : cur[1];
            f.add("person[name]", join(first, last));
        }
        if (in.has("title")) f.add("person[title]", nz(in.title()));
        if (in.has("company_name")) f.add("person[company]", nz(in.companyName()));
        if (contacts && in.has("emails"))
            for (EmailInput e : primaryFirst(in.emails()))
                if (!knownEmails.contains(e.email().toLowerCase(java.util.Locale.ROOT)))
                    f.add("person[emails][][value]", e.email());
        if (contacts && in.has("phones"))
            for (PhoneInput p : in.phones())
                if (!knownPhones.contains(digits(p.number()))) f.add("person[phones][][value]", p.number());
        if (in.has("urls")) {
            // the set replaces: Loxo has one LinkedIn URL and one website, so what is not given is cleared ("")
            String linkedin = null;
            String website = null;
            for (UrlInput u : in.urls()) {
                if ("LINKEDIN".equals(u.type())
                        || u.url().toLowerCase(java.util.Locale.ROOT).contains("linkedin.")) {
                    if (linkedin == null) linkedin = u.url();
                } else if (website == null) {
                    website = u.url();
                }
            }
            f.add("person[linkedin_url]", nz(linkedin));
            f.add("person[website]", nz(website));
        }
        if (in.has("tags")) {
            if (in.tags().isEmpty()) f.add("person[all_raw_tags][]", "");
            for (String t : in.tags()) f.add("person[all_raw_tags][]", t);
        }
        if (in.customFields() != null)
            for (Map.Entry<String, JsonNode> c : in.customFields().entrySet()) {
                JsonNode v = c.getValue();
                if (v.isArray()) for (JsonNode item : v) f.add("person[" + c.getKey() + "][]", item.asText());
                else f.add("person[" + c.getKey() + "]", v.isNull() ? "" : v.asText());
            }
        return f;
    }

    static List<EmailInput> primaryFirst(List<EmailInput> emails) {
        List<EmailInput> out = new ArrayList<>();
        emails.stream().filter(EmailInput::isPrimary).forEach(out::add);
        emails.stream().filter(e -> !e.isPrimary()).forEach(out::add);
        return out;
    }

    static String join(String first, String last) {
        String f = first == null ? "" : first.trim();
        String l = last == null ? "" : last.trim();
        return (f + " " + l).trim();
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    static String digits(String number) {
        return number == null ? "" : number.replaceAll("[^0-9]", "");
    }
}
