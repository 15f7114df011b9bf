package dev.interlink.platform.provider.lever;

import static dev.interlink.platform.provider.Tolerant.id;
import static dev.interlink.platform.provider.Tolerant.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.model.ats.Address;
import dev.interlink.model.ats.Compensation;
import dev.interlink.model.ats.HiringTeamMember;
import dev.interlink.model.ats.Job;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.provider.Tolerant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Lever postings → unified jobs (docs/providers/lever.md §5, §9). */
final class LeverPostings {
    private LeverPostings() {}

    static Job job(JsonNode p) {
        String rid = id(p, "id");
        JsonNode cat = p.path("categories");
        String state = text(p, "state");
        String commitment = text(cat, "commitment");
        return new Job(
                RemoteKey.encode(rid),
                rid,
                LeverMapper.ms(p, "createdAt"),
                LeverMapper.ms(p, "updatedAt"),
                null,
                text(p, "text"),
                text(p, "reqCode"),
                description(p.path("content")),
                "HTML",
                status(state),
                state,
                employmentType(commitment),
                commitment,
                locations(cat, text(p, "country")),
                compensation(Tolerant.object(p, "salaryRange")),
                null,
                null,
                hiringTeam(p),
                null,
                null,
                Map.of(),
                p);
    }

    /** published and internal ("unlisted") are open; pending waits for approval; rejected approvals are OTHER. */
    static String status(String state) {
        if (state == null) return "OTHER";
        return switch (state) {
            case "published", "internal" -> "OPEN";
            case "closed" -> "CLOSED";
            case "draft", "pending" -> "DRAFT";
            default -> "OTHER";
        };
    }

    static String employmentType(String commitment) {
        if (commitment == null) return "OTHER";
        String c = commitment.toLowerCase(Locale.ROOT);
        if (c.contains("full")) return "FULL_TIME";
        if (c.contains("part")) return "PART_TIME";
        if (c.contains("contract")) return "CONTRACT";
        if (c.contains("intern")) return "INTERNSHIP";
        if (c.contains("temp")) return "TEMPORARY";
        if (c.contains("season")) return "SEASONAL";
        if (c.contains("volunt")) return "VOLUNTEER";
        return "OTHER";
    }

    /** The HTML description, its lists and the closing, in the order a job page shows them. */
    static String description(JsonNode content) {
        if (content == null || content.isMissingNode()) return null;
        StringBuilder sb = new StringBuilder();
        String d = text(content, "descriptionHtml");
        if (d == null) d = text(content, "description");
        if (d != null) sb.append(d);
        for (JsonNode l : Tolerant.array(content, "lists")) {
            String title = text(l, "text");
            String items = text(l, "content");
            if (title != null) sb.append("<h3>").append(title).append("</h3>");
            if (items != null) sb.append("<ul>").append(items).append("</ul>");
        }
        String closing = text(content, "closingHtml");
        if (closing == null) closing = text(content, "closing");
        if (closing != null) sb.append(closing);
        return sb.length() == 0 ? null : sb.toString();
    }

    static List<Address> locations(JsonNode cat, String country) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode l : Tolerant.array(cat, "allLocations")) if (l.isTextual()) names.add(l.asText());
        String primary = text(cat, "location");
        if (primary != null && names.isEmpty()) names.add(primary);
        List<Address> out = new ArrayList<>();
        for (String n : names) out.add(new Address(null, null, null, null, null, null, country, n));
        return out;
    }

    /** {@code salaryRange {min, max, currency, interval}}, e.g. interval per-year-salary, per-hour-wage. */
    static List<Compensation> compensation(JsonNode range) {
        if (range == null) return List.of();
        String interval = text(range, "interval");
        String i = interval == null ? "" : interval.toLowerCase(Locale.ROOT);
        String period = i.contains("year")
                ? "YEAR"
                : i.contains("month")
                        ? "MONTH"
                        : i.contains("week") ? "WEEK" : i.contains("day") ? "DAY" : i.contains("hour") ? "HOUR" : null;
        String type = i.contains("hour") ? "HOURLY_RATE" : i.contains("salary") ? "SALARY" : "OTHER";
        return List.of(new Compensation(
                Tolerant.decimal(range, "min"), Tolerant.decimal(range, "max"), text(range, "currency"), period, type));
    }

    static List<HiringTeamMember> hiringTeam(JsonNode p) {
        List<HiringTeamMember> out = new ArrayList<>();
        String owner = LeverMapper.userId(p.get("owner"));
        String manager = LeverMapper.userId(p.get("hiringManager"));
        if (owner != null && owner.equals(manager)) {
            out.add(new HiringTeamMember(LeverMapper.ref(owner, null), List.of("OWNER", "HIRING_MANAGER"), "owner"));
            return out;
        }
        if (owner != null) out.add(new HiringTeamMember(LeverMapper.ref(owner, null), List.of("OWNER"), "owner"));
        if (manager != null)
            out.add(new HiringTeamMember(LeverMapper.ref(manager, null), List.of("HIRING_MANAGER"), "hiringManager"));
        return out;
    }
}
