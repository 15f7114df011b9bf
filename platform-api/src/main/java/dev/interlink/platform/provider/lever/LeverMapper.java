package dev.interlink.platform.provider.lever;

import static dev.interlink.platform.provider.Tolerant.id;
import static dev.interlink.platform.provider.Tolerant.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.model.ats.Address;
import dev.interlink.model.ats.Application;
import dev.interlink.model.ats.Attachment;
import dev.interlink.model.ats.Candidate;
import dev.interlink.model.ats.Email;
import dev.interlink.model.ats.Phone;
import dev.interlink.model.ats.Ref;
import dev.interlink.model.ats.RejectionReason;
import dev.interlink.model.ats.StageRef;
import dev.interlink.model.ats.Url;
import dev.interlink.model.ats.User;
import dev.interlink.platform.provider.Enums;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.provider.Tolerant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lever JSON → unified records (docs/providers/lever.md §9). Pure functions. Times are epoch
 * milliseconds, as numbers or numeric strings (§4).
 */
final class LeverMapper {
    static final String RESUME = "resume";
    static final String FILE = "file";

    private LeverMapper() {}

    /** Epoch ms (number or numeric string) → Instant; anything else → null. */
    static Instant ms(JsonNode node, String field) {
        Long v = Tolerant.longValue(node, field);
        return v == null || v <= 0 ? null : Instant.ofEpochMilli(v);
    }

    static Ref ref(String remoteId, String name) {
        return remoteId == null || remoteId.isBlank() ? null : new Ref(RemoteKey.encode(remoteId), remoteId, name);
    }

    /** "Ada Lovelace" → first "Ada", last "Lovelace"; one word → first only. */
    static String[] split(String name) {
        if (name == null || name.isBlank()) return new String[] {null, null};
        String n = name.trim();
        int sp = n.indexOf(' ');
        return sp < 0
                ? new String[] {n, null}
                : new String[] {n.substring(0, sp), n.substring(sp + 1).trim()};
    }

    /** The oldest opportunity first (createdAt, then id): the contact's primary one (§9). */
    static final Comparator<JsonNode> OLDEST_FIRST = Comparator.comparing(
                    (JsonNode o) -> Tolerant.longValue(o, "createdAt"), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(o -> String.valueOf(id(o, "id")));

    /**
     * A candidate (a Lever contact) from all of its opportunities, oldest first. Person fields are the contact's and
     * every opportunity should carry the same copy, but emails, phones and links added through one opportunity may
     * show on it alone, so those are the union; tags are per opportunity (the union); source and owner come from the
     * oldest.
     */
    static Candidate candidate(String contactId, List<JsonNode> opportunities) {
        List<JsonNode> opps = new ArrayList<>(opportunities);
        opps.sort(OLDEST_FIRST);
        JsonNode first = opps.get(0);
        String name = text(first, "name");
        String[] parts = split(name);
        Instant updated = null;
        Set<String> tags = new LinkedHashSet<>();
        List<Ref> applications = new ArrayList<>();
        for (JsonNode o : opps) {
            Instant u = ms(o, "updatedAt");
            if (u != null && (updated == null || u.isAfter(updated))) updated = u;
            for (JsonNode t : Tolerant.array(o, "tags"))
                if (t.isTextual() && !t.asText().isBlank()) tags.add(t.asText());
            applications.add(ref(id(o, "id"), null));
        }
        List<Ref> tagRefs = tags.stream().map(t -> new Ref(null, t, t)).toList();
        String location = location(first);
        List<JsonNode> sources = Tolerant.array(first, "sources");
        return new Candidate(
                RemoteKey.encode(contactId),
                contactId,
                ms(first, "createdAt"),
                updated,
                text(first.path("urls"), "show"),
                parts[0],
                parts[1],
                name,
                text(first, "headline"),
                null,
                union(
                        opps,
                        LeverMapper::emails,
                        e -> e.email().toLowerCase(Locale.ROOT),
                        (e, i) -> new Email(e.email(), e.type(), i == 0)),
                union(
                        opps,
                        LeverMapper::phones,
                        p -> p.number().replaceAll("[^0-9]", ""),
                        (p, i) -> new Phone(p.number(), p.extension(), p.type(), p.typeRaw(), i == 0)),
                union(opps, LeverMapper::urls, Url::url, (u, i) -> u),
                location == null ? List.of() : List.of(new Address(null, null, null, null, null, null, null, location)),
                tagRefs,
                sources.isEmpty() ? null : Tolerant.scalar(sources.get(0)),
                ref(userId(first.get("owner")), null),
                applications,
                List.of(),
                Map.of(),
                opps.size() == 1 ? first : opps);
    }

    /** The values of every opportunity, oldest first, without repeats by {@code key}; {@code at} re-marks primaries. */
    static <T> List<T> union(
            List<JsonNode> opps,
            java.util.function.Function<JsonNode, List<T>> read,
            java.util.function.Function<T, String> key,
            java.util.function.BiFunction<T, Integer, T> at) {
        Set<String> seen = new LinkedHashSet<>();
        List<T> out = new ArrayList<>();
        for (JsonNode o : opps) for (T v : read.apply(o)) if (seen.add(key.apply(v))) out.add(at.apply(v, out.size()));
        return out;
    }

    /** A contact without opportunities (GET /contacts/:id): person fields only; location is an object there (§5). */
    static Candidate contactOnly(JsonNode c) {
        String rid = id(c, "id");
        String name = text(c, "name");
        String[] parts = split(name);
        String location = location(c);
        return new Candidate(
                RemoteKey.encode(rid),
                rid,
                null,
                null,
                null,
                parts[0],
                parts[1],
                name,
                text(c, "headline"),
                null,
                emails(c),
                phones(c),
                List.of(),
                location == null ? List.of() : List.of(new Address(null, null, null, null, null, null, null, location)),
                List.of(),
                null,
                null,
                List.of(),
                List.of(),
                Map.of(),
                c);
    }

    /** {@code location}: a string on opportunities, an object {@code {name}} on contacts (§5); "" is none. */
    static String location(JsonNode record) {
        JsonNode loc = record.get("location");
        return loc != null && loc.isObject() ? text(loc, "name") : Tolerant.scalar(loc);
    }

    static List<Email> emails(JsonNode o) {
        List<Email> out = new ArrayList<>();
        for (JsonNode e : Tolerant.array(o, "emails")) {
            String v = e.isTextual() ? e.asText() : text(e, "value");
            if (v != null && !v.isBlank()) out.add(new Email(v.trim(), "OTHER", out.isEmpty()));
        }
        return out;
    }

    /** {@code [{type?, value}]}; types mobile|home|work|skype|other (§5). */
    static List<Phone> phones(JsonNode o) {
        List<Phone> out = new ArrayList<>();
        for (JsonNode p : Tolerant.array(o, "phones")) {
            String v = p.isTextual() ? p.asText() : text(p, "value");
            if (v == null) continue;
            String type = p.isTextual() ? null : text(p, "type");
            out.add(new Phone(v, null, Enums.phoneType(type), type, out.isEmpty()));
        }
        return out;
    }

    static List<Url> urls(JsonNode o) {
        List<Url> out = new ArrayList<>();
        for (JsonNode l : Tolerant.array(o, "links")) {
            String v = Tolerant.scalar(l);
            if (v != null) out.add(new Url(v, Enums.urlType(v)));
        }
        return out;
    }

    /** A user reference is an id, or a user object under {@code expand=}. */
    static String userId(JsonNode v) {
        if (v == null || v.isNull()) return null;
        return v.isObject() ? id(v, "id") : Tolerant.scalar(v);
    }

    /**
     * An application (a Lever opportunity) read with {@code expand=applications}: the posting comes from its single
     * application (§5); an archived opportunity is REJECTED, or HIRED when the reason is of type hired (§5).
     */
    static Application application(JsonNode o, LeverReference.Lookups ref) {
        String rid = id(o, "id");
        JsonNode app = firstApplication(o);
        String posting = app == null ? null : userId(app.get("posting"));
        String stageId = stageId(o.get("stage"));
        JsonNode stage = stageId == null ? null : ref.stages().get(stageId);
        String stageName = stage == null ? stageId : text(stage, "text");
        String category = LeverStages.category(stageId, stageName);
        JsonNode archived = Tolerant.object(o, "archived");
        String status = "ACTIVE";
        String statusRaw = "active";
        if (archived != null) {
            String reasonId = text(archived, "reason");
            JsonNode reason = reasonId == null ? null : ref.archiveReasons().get(reasonId);
            statusRaw = reason == null ? reasonId : text(reason, "text");
            status = archiveStatus(reason);
        }
        Instant applied = app == null ? null : ms(app, "createdAt");
        return new Application(
                RemoteKey.encode(rid),
                rid,
                ms(o, "createdAt"),
                ms(o, "updatedAt"),
                text(o.path("urls"), "show"),
                ref(userId(o.get("contact")), text(o, "name")),
                ref(posting, null),
                stageId == null
                        ? null
                        : new StageRef(RemoteKey.encode(stageId), stageId, stageName, category, stageName),
                status,
                statusRaw,
                applied != null ? applied : ms(o, "createdAt"),
                null,
                Map.of(),
                o);
    }

    /** Archived with a hired-type reason = HIRED; a reason about withdrawing = WITHDRAWN; any other = REJECTED. */
    static String archiveStatus(JsonNode reason) {
        if (reason != null && "hired".equals(text(reason, "type"))) return "HIRED";
        String text = reason == null ? null : text(reason, "text");
        if (text != null && text.toLowerCase(Locale.ROOT).contains("withdr")) return "WITHDRAWN";
        return "REJECTED";
    }

    /** {@code stage} is an id, or a stage object under {@code expand=stage}. */
    static String stageId(JsonNode v) {
        return userId(v);
    }

    static JsonNode firstApplication(JsonNode o) {
        for (JsonNode a : Tolerant.array(o, "applications")) if (a.isObject()) return a;
        return null;
    }

    /** Files ({@code ext} with a dot) and resumes (the file under {@code file}, {@code ext} without one) (§5). */
    static Attachment attachment(String opportunityId, String contactId, String kind, JsonNode f) {
        String fid = id(f, "id");
        JsonNode file = RESUME.equals(kind) && f.get("file") != null ? f.get("file") : f;
        String name = text(file, "name");
        String id = RemoteKey.encode(opportunityId, kind, fid);
        Instant uploaded = ms(file, "uploadedAt");
        return new Attachment(
                id,
                fid,
                uploaded != null ? uploaded : ms(f, "createdAt"),
                null,
                null,
                name,
                Enums.contentTypeFromName(name),
                Tolerant.longValue(file, "size"),
                RESUME.equals(kind) ? "RESUME" : "OTHER",
                kind,
                ref(contactId, null),
                ref(opportunityId, null),
                "/unified/ats/attachments/" + id + "/content",
                Map.of(),
                f);
    }

    static boolean isRejection(JsonNode archiveReason) {
        return !"hired".equals(Tolerant.text(archiveReason, "type"));
    }

    static RejectionReason rejectionReason(JsonNode r) {
        String rid = Tolerant.id(r, "id");
        return new RejectionReason(
                RemoteKey.encode(rid), rid, null, null, null, Tolerant.text(r, "text"), null, Map.of(), r);
    }

    /** accessRole: super admin, admin, team member, limited team member, interviewer, or a custom role id (§5). */
    static User user(JsonNode u) {
        String rid = id(u, "id");
        String name = text(u, "name");
        String[] parts = split(name);
        String email = text(u, "email");
        String role = text(u, "accessRole");
        boolean deactivated = Tolerant.longValue(u, "deactivatedAt") != null;
        return new User(
                RemoteKey.encode(rid),
                rid,
                ms(u, "createdAt"),
                null,
                null,
                parts[0],
                parts[1],
                name,
                email,
                email == null ? List.of() : List.of(new Email(email, "WORK", true)),
                deactivated ? "INACTIVE" : "ACTIVE",
                deactivated ? "deactivated" : "active",
                accessRole(role),
                role,
                text(u, "jobTitle"),
                Map.of(),
                u);
    }

    static String accessRole(String raw) {
        if (raw == null) return "OTHER";
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "super admin", "admin" -> "ADMIN";
            case "team member" -> "TEAM_MEMBER";
            case "limited team member" -> "LIMITED_TEAM_MEMBER";
            case "interviewer" -> "INTERVIEWER";
            default -> "OTHER";
        };
    }

    /** Groups opportunities by contact id, keeping the order in which contacts first appear. */
    static Map<String, List<JsonNode>> byContact(Iterable<JsonNode> opportunities) {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        for (JsonNode o : opportunities) {
            String c = userId(o.get("contact"));
            if (c == null) continue;
            List<JsonNode> list = out.computeIfAbsent(c, k -> new ArrayList<>());
            String oid = id(o, "id");
            if (list.stream().noneMatch(x -> String.valueOf(oid).equals(id(x, "id")))) list.add(o);
        }
        return out;
    }
}
