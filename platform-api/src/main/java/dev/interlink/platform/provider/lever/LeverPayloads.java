package dev.interlink.platform.provider.lever;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlink.platform.provider.AtsWriter.CandidateInput;
import dev.interlink.platform.provider.AtsWriter.EmailInput;
import dev.interlink.platform.provider.AtsWriter.PhoneInput;
import dev.interlink.platform.provider.AtsWriter.UrlInput;
import dev.interlink.platform.provider.Tolerant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Unified write inputs → Lever JSON bodies (pure functions; docs/providers/lever.md §5, §9). */
final class LeverPayloads {
    static final ObjectMapper JSON = new ObjectMapper();

    private LeverPayloads() {}

    /** {@code POST /opportunities}: the person fields; title is Lever's one-line {@code headline}. */
    static ObjectNode opportunity(CandidateInput in) {
        ObjectNode b = JSON.createObjectNode();
        String name = Tolerant.join(" ", in.firstName(), in.lastName());
        if (name != null) b.put("name", name);
        if (in.title() != null && !in.title().isBlank()) b.put("headline", in.title());
        if (in.emails() != null && !in.emails().isEmpty()) {
            ArrayNode emails = b.putArray("emails");
            primaryFirst(in.emails()).forEach(e -> emails.add(e.email()));
        }
        if (in.phones() != null && !in.phones().isEmpty()) {
            ArrayNode phones = b.putArray("phones");
            in.phones().forEach(p -> phones.add(phone(p)));
        }
        if (in.urls() != null && !in.urls().isEmpty()) {
            ArrayNode links = b.putArray("links");
            in.urls().forEach(u -> links.add(u.url()));
        }
        if (in.tags() != null && !in.tags().isEmpty()) {
            ArrayNode tags = b.putArray("tags");
            in.tags().forEach(tags::add);
        }
        return b;
    }

    /** A new opportunity on an existing contact, for one posting (more than one posting is refused, §5). */
    static ObjectNode application(String contactId, String postingId, String stageId) {
        ObjectNode b = JSON.createObjectNode();
        b.put("contact", contactId);
        b.putArray("postings").add(postingId);
        if (stageId != null) b.put("stage", stageId);
        return b;
    }

    /**
     * {@code PUT /contacts/:id} (name, headline, location, emails, phones, §9): the current contact with the changes; emails and
     * phones given are added when missing, never removed. A name part not given keeps the stored one.
     */
    static ObjectNode contact(JsonNode current, CandidateInput in) {
        ObjectNode b = JSON.createObjectNode();
        String[] stored = LeverMapper.split(Tolerant.text(current, "name"));
        String first = in.has("first_name") ? in.firstName() : stored[0];
        String last = in.has("last_name") ? in.lastName() : stored[1];
        String name = Tolerant.join(" ", first, last);
        b.put("name", name == null ? "" : name);
        String headline = in.has("title") ? in.title() : Tolerant.text(current, "headline");
        b.put("headline", headline == null ? "" : headline);
        // the PUT may replace the whole contact: keep its location (an object on GET, a string on PUT, §5)
        JsonNode loc = current.get("location");
        String location = loc == null ? null : loc.isTextual() ? loc.asText() : Tolerant.text(loc, "name");
        if (location != null) b.put("location", location);
        // emails/phones given are the new sets (PUT replaces them, §5); not given: the stored ones are sent back
        ArrayNode emailArray = b.putArray("emails");
        if (in.has("emails")) {
            Set<String> lower = new LinkedHashSet<>();
            for (EmailInput e : primaryFirst(in.emails()))
                if (lower.add(e.email().toLowerCase(Locale.ROOT))) emailArray.add(e.email());
        } else {
            LeverMapper.emails(current).forEach(e -> emailArray.add(e.email()));
        }
        ArrayNode phones = b.putArray("phones");
        if (in.has("phones")) {
            Set<String> digits = new LinkedHashSet<>();
            for (PhoneInput p : in.phones()) if (digits.add(digits(p.number()))) phones.add(phone(p));
        } else {
            for (JsonNode p : Tolerant.array(current, "phones")) phones.add(p);
        }
        return b;
    }

    /** The links of {@code in} the contact does not have yet ({@code POST /opportunities/:id/addLinks}). */
    static List<String> newLinks(JsonNode opportunity, List<UrlInput> urls) {
        Set<String> have = new LinkedHashSet<>();
        LeverMapper.urls(opportunity).forEach(u -> have.add(u.url()));
        return urls.stream().map(UrlInput::url).filter(have::add).toList();
    }

    /** The contact's links not in {@code urls} ({@code POST /opportunities/:id/removeLinks}). */
    static List<String> staleLinks(JsonNode opportunity, List<UrlInput> urls) {
        Set<String> want = new LinkedHashSet<>();
        urls.forEach(u -> want.add(u.url()));
        return LeverMapper.urls(opportunity).stream()
                .map(u -> u.url())
                .filter(u -> !want.contains(u))
                .distinct()
                .toList();
    }

    static ObjectNode list(String field, List<String> values) {
        ObjectNode b = JSON.createObjectNode();
        ArrayNode a = b.putArray(field);
        values.forEach(a::add);
        return b;
    }

    static ObjectNode phone(PhoneInput p) {
        ObjectNode row = JSON.createObjectNode();
        row.put("type", phoneType(p.type()));
        row.put("value", p.number());
        return row;
    }

    /** Unified MOBILE|HOME|WORK|FAX|OTHER → Lever mobile, home, work, other (Lever has no fax type, §5). */
    static String phoneType(String type) {
        if (type == null) return "other";
        return switch (type) {
            case "MOBILE" -> "mobile";
            case "HOME" -> "home";
            case "WORK" -> "work";
            default -> "other";
        };
    }

    /** The primary email first: Lever has no primary flag, the first email is the one it shows. */
    static List<EmailInput> primaryFirst(List<EmailInput> emails) {
        return emails.stream()
                .sorted((a, b) -> Boolean.compare(b.isPrimary(), a.isPrimary()))
                .toList();
    }

    static String digits(String number) {
        return number == null ? "" : number.replaceAll("[^0-9]", "");
    }
}
