package dev.interlink.platform.provider.loxo;

import static dev.interlink.platform.provider.Tolerant.id;
import static dev.interlink.platform.provider.Tolerant.instant;
import static dev.interlink.platform.provider.Tolerant.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.model.ats.Address;
import dev.interlink.model.ats.Application;
import dev.interlink.model.ats.Attachment;
import dev.interlink.model.ats.Candidate;
import dev.interlink.model.ats.Company;
import dev.interlink.model.ats.Compensation;
import dev.interlink.model.ats.Email;
import dev.interlink.model.ats.HiringTeamMember;
import dev.interlink.model.ats.Job;
import dev.interlink.model.ats.JobInterviewStage;
import dev.interlink.model.ats.Organization;
import dev.interlink.model.ats.Phone;
import dev.interlink.model.ats.Ref;
import dev.interlink.model.ats.StageRef;
import dev.interlink.model.ats.Url;
import dev.interlink.model.ats.User;
import dev.interlink.platform.provider.Enums;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.provider.Tolerant;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Loxo JSON → unified records. Pure functions (facts: docs/providers/loxo.md §6). */
final class LoxoMapper {
    static final String RESUME = "resume";
    static final String DOCUMENT = "document";

    private LoxoMapper() {}

    static Ref ref(String remoteId, String name) {
        return remoteId == null ? null : new Ref(RemoteKey.encode(remoteId), remoteId, name);
    }

    /** "Ada Lovelace" → first "Ada", last "Lovelace"; one word → first only. */
    static String[] split(String name) {
        if (name == null) return new String[] {null, null};
        String n = name.trim();
        int sp = n.indexOf(' ');
        return sp < 0
                ? new String[] {n, null}
                : new String[] {n.substring(0, sp), n.substring(sp + 1).trim()};
    }

    static Candidate candidate(JsonNode p) {
        String rid = id(p, "id");
        String name = text(p, "name");
        String[] parts = split(name);
        List<Email> emails = new ArrayList<>();
        for (JsonNode e : Tolerant.array(p, "emails")) {
            String v = e.isTextual() ? e.asText() : text(e, "value");
            if (v == null) v = text(e, "email");
            if (v != null) emails.add(new Email(v, "OTHER", emails.isEmpty()));
        }
        List<Phone> phones = new ArrayList<>();
        for (JsonNode ph : Tolerant.array(p, "phones")) {
            String v = ph.isTextual() ? ph.asText() : text(ph, "value");
            if (v == null) v = text(ph, "number");
            if (v != null) phones.add(new Phone(v, null, "OTHER", text(ph, "phone_type_id"), phones.isEmpty()));
        }
        List<Url> urls = new ArrayList<>();
        String linkedin = text(p, "linkedin_url");
        if (linkedin != null) urls.add(new Url(linkedin, "LINKEDIN"));
        String website = text(p, "website");
        if (website != null) urls.add(new Url(website, Enums.urlType(website)));
        List<Ref> attachments = new ArrayList<>();
        for (JsonNode f : Tolerant.array(p, "resumes")) attachments.add(fileRef(rid, RESUME, f));
        for (JsonNode f : Tolerant.array(p, "documents")) attachments.add(fileRef(rid, DOCUMENT, f));
        attachments.removeIf(r -> r == null);
        JsonNode source = Tolerant.object(p, "source_type");
        return new Candidate(
                RemoteKey.encode(rid),
                rid,
                instant(p, "created_at"),
                instant(p, "updated_at"),
                null,
                parts[0],
                parts[1],
                name,
                text(p, "current_title"),
                text(p, "current_company"),
                emails,
                phones,
                urls,
                address(p, "state"),
                tags(p),
                source == null ? text(p, "source_type") : text(source, "name"),
                ref(id(p, "owned_by_id"), null),
                List.of(),
                attachments,
                customFields(p),
                p);
    }

    /**
     * Custom fields are top-level keys {@code custom_<type>_<n>} defined by {@code /dynamic_fields} (§6): a text is a
     * string (or null), a hierarchy an array of {@code {id, value}} kept as it is, like the writes that take ids.
     */
    static Map<String, Object> customFields(JsonNode record) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        record.fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith("custom_")) return;
            JsonNode v = e.getValue();
            out.put(e.getKey(), v == null || v.isNull() ? null : v.isContainerNode() ? v : v.asText());
        });
        return out;
    }

    /**
     * {@code all_raw_tags}: a comma-joined string in every observed answer (docs/providers/loxo.md §6.1), read as an array
     * of strings too; tags have no id in Loxo, so the name is the remote id (as for Lever).
     */
    static List<Ref> tags(JsonNode p) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        JsonNode raw = p.get("all_raw_tags");
        if (raw != null && raw.isTextual()) {
            for (String t : raw.asText().split(",")) if (!t.isBlank()) names.add(t.trim());
        } else if (raw != null && raw.isArray()) {
            for (JsonNode t : raw) {
                String v = t.isTextual() ? t.asText() : text(t, "name");
                if (v != null && !v.isBlank()) names.add(v.trim());
            }
        }
        return names.stream().map(t -> new Ref(null, t, t)).toList();
    }

    static Ref fileRef(String personId, String kind, JsonNode f) {
        String fid = id(f, "id");
        return fid == null || personId == null
                ? null
                : new Ref(RemoteKey.encode(personId, kind, fid), fid, text(f, "name"));
    }

    static List<Address> address(JsonNode n, String regionField) {
        String line1 = text(n, "address");
        String city = text(n, "city");
        String region = text(n, regionField);
        String zip = text(n, "zip");
        String country = text(n, "country_code");
        String countryName = text(n, "country");
        String raw = text(n, "location");
        if (raw == null) raw = text(n, "macro_address");
        if (line1 == null
                && city == null
                && region == null
                && zip == null
                && country == null
                && countryName == null
                && raw == null) return List.of();
        if (country == null && countryName != null) {
            country = countryName.equalsIgnoreCase("United States") || countryName.equalsIgnoreCase("USA")
                    ? "US"
                    : countryName.length() == 2 ? countryName.toUpperCase(Locale.ROOT) : null;
        }
        return List.of(new Address(
                null,
                line1,
                null,
                city,
                region,
                zip,
                country,
                raw != null ? raw : Tolerant.join(", ", line1, city, region, zip, countryName)));
    }

    static String jobStatus(String name) {
        if (name == null) return "OTHER";
        return switch (name.toLowerCase(Locale.ROOT).replace(" ", "_")) {
            case "active", "open" -> "OPEN";
            case "on_hold", "hold", "paused" -> "ON_HOLD";
            case "closed", "filled", "cancelled", "canceled", "lost" -> "CLOSED";
            case "draft", "upcoming", "lead" -> "DRAFT";
            case "archived" -> "ARCHIVED";
            default -> "OTHER";
        };
    }

    static String employmentType(String name) {
        if (name == null) return null;
        return switch (name.toLowerCase(Locale.ROOT).replace(" ", "_").replace("-", "_")) {
            case "full_time", "permanent" -> "FULL_TIME";
            case "part_time" -> "PART_TIME";
            case "contract", "contract_to_hire", "contractor" -> "CONTRACT";
            case "temporary", "temp" -> "TEMPORARY";
            case "internship" -> "INTERNSHIP";
            default -> "OTHER";
        };
    }

    static Job job(JsonNode j) {
        String rid = id(j, "id");
        JsonNode status = Tolerant.object(j, "status");
        JsonNode type = Tolerant.object(j, "job_type");
        JsonNode company = Tolerant.object(j, "company");
        String statusName = status == null ? text(j, "status") : text(status, "name");
        String typeName = type == null ? text(j, "job_type") : text(type, "name");
        List<Compensation> comp = new ArrayList<>();
        BigDecimal min = Tolerant.decimal(j, "salary_min");
        BigDecimal max = Tolerant.decimal(j, "salary_max");
        BigDecimal salary = Tolerant.decimal(j, "salary");
        if (min != null || max != null) comp.add(new Compensation(min, max, null, null, "SALARY"));
        else if (salary != null) comp.add(new Compensation(salary, salary, null, null, "SALARY"));
        List<HiringTeamMember> team = new ArrayList<>();
        for (JsonNode o : Tolerant.array(j, "owners")) {
            // an owner row has its own id; the user it names is user_id (§6.3). A bare value is read as a user id.
            String uid =
                    o.isValueNode() ? Tolerant.scalar(o) : id(o, "user_id") != null ? id(o, "user_id") : id(o, "id");
            if (uid != null)
                team.add(new HiringTeamMember(
                        ref(uid, o.isObject() ? text(o, "name") : null), List.of("OWNER"), "owner"));
        }
        String description = text(j, "description");
        return new Job(
                RemoteKey.encode(rid),
                rid,
                instant(j, "created_at"),
                instant(j, "updated_at"),
                text(j, "public_url"),
                text(j, "title"),
                null,
                description != null ? description : text(j, "description_text"),
                description != null ? "HTML" : "TEXT",
                jobStatus(statusName),
                statusName,
                employmentType(typeName),
                typeName,
                address(j, "state_code"),
                comp,
                Tolerant.integer(j, "openings"),
                company == null ? null : ref(id(company, "id"), text(company, "name")),
                team,
                instant(j, "opened_at"),
                instant(j, "filled_at"),
                customFields(j),
                j);
    }

    static JobInterviewStage stage(JsonNode s, Ref job) {
        String sid = id(s, "id");
        String wf = id(s, "workflow_id");
        String name = text(s, "name");
        Boolean active = Tolerant.bool(s, "active");
        return new JobInterviewStage(
                RemoteKey.encode(sid),
                sid,
                instant(s, "created_at"),
                instant(s, "updated_at"),
                null,
                name,
                job,
                wf == null ? null : Ref.of(RemoteKey.encode(wf), wf),
                Tolerant.integer(s, "position"),
                Enums.stageCategoryFromName(name),
                name,
                active == null ? Boolean.TRUE : active,
                Map.of(),
                s);
    }

    /** A job candidate: its id is composite (job id + candidate id), because every Loxo route needs the job. */
    static Application application(JsonNode c, Map<String, JsonNode> stagesById) {
        String cid = id(c, "id");
        String job = id(c, "job_id");
        String stageId = id(c, "workflow_stage_id");
        JsonNode stage = stageId == null ? null : stagesById.get(stageId);
        String stageName = stage == null ? null : text(stage, "name");
        String category = Enums.stageCategoryFromName(stageName);
        JsonNode person = Tolerant.object(c, "person");
        JsonNode event = Tolerant.object(c, "latest_person_event");
        String rejection = text(c, "candidate_rejection_reason");
        String status = rejection != null ? "REJECTED" : Enums.statusFromCategory(category);
        return new Application(
                RemoteKey.encode(job, cid),
                "[" + job + "," + cid + "]",
                null,
                event == null ? null : instant(event, "created_at"),
                null,
                ref(id(c, "person_id"), person == null ? null : text(person, "name")),
                ref(job, null),
                stageId == null
                        ? null
                        : new StageRef(RemoteKey.encode(stageId), stageId, stageName, category, stageName),
                status,
                rejection != null ? rejection : stageName,
                null,
                null,
                Map.of(),
                c);
    }

    static Attachment attachment(String personId, String kind, JsonNode f) {
        String fid = id(f, "id");
        String name = text(f, "name");
        if (name == null) name = text(f, "file_name");
        String id = RemoteKey.encode(personId, kind, fid);
        return new Attachment(
                id,
                fid,
                instant(f, "created_at"),
                instant(f, "updated_at"),
                null,
                name,
                Enums.contentTypeFromName(name),
                Tolerant.longValue(f, "size"),
                RESUME.equals(kind) ? "RESUME" : "OTHER",
                kind,
                ref(personId, null),
                null,
                "/unified/ats/attachments/" + id + "/content",
                Map.of(),
                f);
    }

    static Company company(JsonNode c) {
        String rid = id(c, "id");
        String owner = id(c, "owned_by_id");
        return new Company(
                RemoteKey.encode(rid),
                rid,
                instant(c, "created_at"),
                instant(c, "updated_at"),
                null,
                text(c, "name"),
                text(c, "url"),
                List.of(),
                address(c, "state_code"),
                ref(owner, text(c, "owned_by_name")),
                Map.of(),
                c);
    }

    static User user(JsonNode u) {
        String rid = id(u, "id");
        String name = text(u, "name");
        String[] parts = split(name);
        String email = text(u, "email");
        return new User(
                RemoteKey.encode(rid),
                rid,
                instant(u, "created_at"),
                instant(u, "updated_at"),
                null,
                parts[0],
                parts[1],
                name,
                email,
                email == null ? List.of() : List.of(new Email(email, "WORK", true)),
                "ACTIVE",
                null,
                "OTHER",
                null,
                null,
                Map.of(),
                u);
    }

    /** The agency; keyed by its slug (what every Loxo URL names it by), with the agency's id and name when known. */
    static Organization organization(String slug, JsonNode agency) {
        String name = agency == null ? slug : text(agency, "name");
        return new Organization(
                RemoteKey.encode(slug),
                slug,
                null,
                null,
                "https://app.loxo.co/" + slug,
                name,
                slug,
                agency == null ? Map.of() : Map.of("agency_id", String.valueOf(id(agency, "id"))),
                agency);
    }
}
