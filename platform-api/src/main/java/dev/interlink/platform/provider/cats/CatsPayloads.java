package dev.interlink.platform.provider.cats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlink.platform.provider.AtsWriter.CandidateInput;
import dev.interlink.platform.provider.AtsWriter.EmailInput;
import dev.interlink.platform.provider.AtsWriter.PhoneInput;
import dev.interlink.platform.provider.AtsWriter.UrlInput;
import dev.interlink.platform.provider.Tolerant;
import java.util.Locale;

/** Unified candidate fields → CATS JSON bodies (pure functions, docs/providers/cats.md §4.1). */
final class CatsPayloads {
    private CatsPayloads() {}

    /**
     * The create (or PUT) body. With {@code current} (update), first/last name default to the stored ones, because
     * CATS's PUT requires them.
     */
    static ObjectNode candidate(CandidateInput in, JsonNode current) {
        ObjectNode b = CatsWriter.JSON.createObjectNode();
        String first =
                in.has("first_name") ? in.firstName() : current == null ? null : Tolerant.text(current, "first_name");
        String last =
                in.has("last_name") ? in.lastName() : current == null ? null : Tolerant.text(current, "last_name");
        b.put("first_name", first);
        b.put("last_name", last);
        if (in.has("title")) b.put("title", in.title() == null ? "" : in.title());
        if (in.has("company_name")) b.put("current_employer", in.companyName() == null ? "" : in.companyName());
        if (in.has("emails")) {
            ArrayNode emails = b.putArray("emails");
            boolean anyPrimary = in.emails().stream().anyMatch(EmailInput::isPrimary);
            for (int i = 0; i < in.emails().size(); i++) {
                EmailInput e = in.emails().get(i);
                // "exactly one of them must be marked as primary" (§4.1)
                emails.addObject().put("email", e.email()).put("is_primary", anyPrimary ? e.isPrimary() : i == 0);
            }
        }
        if (in.has("phones")) {
            ArrayNode phones = b.putArray("phones");
            for (PhoneInput p : in.phones()) phones.add(phone(p));
        }
        if (in.has("urls")) {
            ArrayNode social = b.putArray("social_media_urls");
            String website = null;
            for (UrlInput u : in.urls()) {
                boolean personal = u.type() == null
                        || switch (u.type()) {
                            case "PERSONAL", "PORTFOLIO", "BLOG", "COMPANY" -> true;
                            default -> false;
                        };
                if (personal && website == null) website = u.url();
                else social.add(u.url());
            }
            b.put("website", website == null ? "" : website); // the set replaces: no personal URL clears it
        }
        return b;
    }

    static ObjectNode phone(PhoneInput p) {
        ObjectNode row = CatsWriter.JSON.createObjectNode();
        row.put("number", p.number());
        if (p.extension() != null) row.put("extension", p.extension());
        row.put("type", phoneType(p.type()));
        return row;
    }

    /** Unified MOBILE|HOME|WORK|FAX|OTHER → CATS mobile, home, work, fax, main, other. */
    static String phoneType(String type) {
        if (type == null) return "mobile";
        return switch (type) {
            case "MOBILE" -> "mobile";
            case "HOME" -> "home";
            case "WORK" -> "work";
            case "FAX" -> "fax";
            default -> "other";
        };
    }

    static String digits(String number) {
        return number == null ? "" : number.replaceAll("[^0-9]", "").toLowerCase(Locale.ROOT);
    }
}
