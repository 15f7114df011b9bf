package dev.interlink.platform.provider.cats;

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
import dev.interlink.model.ats.RejectionReason;
import dev.interlink.model.ats.StageRef;
import dev.interlink.model.ats.Url;
import dev.interlink.model.ats.User;
import dev.interlink.platform.provider.Enums;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.provider.Tolerant;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** CATS v3 JSON → unified records. Pure functions, no I/O (facts: docs/providers/cats.md §5). */
final class CatsMapper {
    private CatsMapper() {}

    static Ref ref(String remoteId) {
        return remoteId == null ? null : Ref.of(RemoteKey.encode(remoteId), remoteId);
    }

    static Ref ref(String remoteId, String name) {
        return remoteId == null ? null : new Ref(RemoteKey.encode(remoteId), remoteId, name);
    }

    static Candidate candidate(JsonNode c) {
        String rid = id(c, "id");
        String first = text(c, "first_name");
        String last = text(c, "last_name");
        List<Ref> attachments = new ArrayList<>();
        return new Candidate(
                RemoteKey.encode(rid),
                rid,
                instant(c, "date_created"),
                instant(c, "date_modified"),
                null,
                first,
                last,
                Tolerant.join(" ", first, text(c, "middle_name"), last),
                text(c, "title"),
                text(c, "current_employer"),
                emails(c),
                phones(c),
                urls(c),
                address(c),
                List.of(),
                text(c, "source"),
                ref(id(c, "owner_id")),
                List.of(),
                attachments,
                customFields(c),
                c);
    }

    /**
     * The candidate with its tags from {@code GET /candidates/{id}/tags} ({@code {id, title}} rows, §4.9): tags are
     * not records of their own in the unified API, so a tag is {@code {id: null, remote_id, name: title}}, the name
     * being what writes take.
     */
    static Candidate withTags(Candidate c, JsonNode tagsBody) {
        List<Ref> tags = new ArrayList<>();
        for (JsonNode t : Tolerant.items(tagsBody, "tags")) {
            String tid = id(t, "id");
            if (tid != null) tags.add(new Ref(null, tid, text(t, "title")));
        }
        return new Candidate(
                c.id(),
                c.remoteId(),
                c.remoteCreatedAt(),
                c.remoteUpdatedAt(),
                c.remoteUrl(),
                c.firstName(),
                c.lastName(),
                c.name(),
                c.title(),
                c.companyName(),
                c.emails(),
                c.phones(),
                c.urls(),
                c.addresses(),
                List.copyOf(tags),
                c.source(),
                c.owner(),
                c.applications(),
                c.attachments(),
                c.customFields(),
                c.remoteData());
    }

    /**
     * Emails: the rows in {@code _embedded.emails} when present; else the top-level field, which CATS sends as a
     * summary object {@code {"primary": .., "secondary": ..}} and older clients as an array of rows.
     */
    static List<Email> emails(JsonNode c) {
        List<Email> out = new ArrayList<>();
        JsonNode rows = c.path("_embedded").get("emails");
        if (rows != null && rows.isArray() && !rows.isEmpty()) {
            for (JsonNode r : rows)
                addEmail(out, text(r, "email"), Boolean.TRUE.equals(Tolerant.bool(r, "is_primary")));
            return fixPrimary(out);
        }
        JsonNode top = c.get("emails");
        if (top != null && top.isArray()) {
            for (JsonNode r : top) {
                if (r.isTextual()) addEmail(out, r.asText(), false);
                else addEmail(out, text(r, "email"), Boolean.TRUE.equals(Tolerant.bool(r, "is_primary")));
            }
        } else if (top != null && top.isObject()) {
            addEmail(out, text(top, "primary"), true);
            top.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("primary")) addEmail(out, Tolerant.scalar(e.getValue()), false);
            });
        } else if (top != null && top.isTextual()) {
            addEmail(out, top.asText(), true);
        }
        return fixPrimary(out);
    }

    private static void addEmail(List<Email> out, String email, boolean primary) {
        if (email != null && !email.isBlank()) out.add(new Email(email.trim(), "OTHER", primary));
    }

    private static List<Email> fixPrimary(List<Email> emails) {
        if (!emails.isEmpty() && emails.stream().noneMatch(e -> Boolean.TRUE.equals(e.isPrimary()))) {
            Email first = emails.get(0);
            emails.set(0, new Email(first.email(), first.type(), true));
        }
        return emails;
    }

    /** Phones: {@code _embedded.phones} rows, or the summary object {@code {"home","cell","work"}}, or an array. */
    static List<Phone> phones(JsonNode c) {
        List<Phone> out = new ArrayList<>();
        JsonNode rows = c.path("_embedded").get("phones");
        JsonNode top = c.get("phones");
        if (rows != null && rows.isArray() && !rows.isEmpty()) {
            for (JsonNode r : rows) addPhone(out, text(r, "number"), text(r, "extension"), text(r, "type"));
        } else if (top != null && top.isArray()) {
            for (JsonNode r : top) addPhone(out, text(r, "number"), text(r, "extension"), text(r, "type"));
        } else if (top != null && top.isObject()) {
            top.fields().forEachRemaining(e -> addPhone(out, Tolerant.scalar(e.getValue()), null, e.getKey()));
        }
        for (int i = 0; i < out.size(); i++) {
            Phone p = out.get(i);
            out.set(i, new Phone(p.number(), p.extension(), p.type(), p.typeRaw(), i == 0));
        }
        return out;
    }

    private static void addPhone(List<Phone> out, String number, String ext, String typeRaw) {
        if (number != null && !number.isBlank())
            out.add(new Phone(number, ext, Enums.phoneType(typeRaw), typeRaw, false));
    }

    static List<Url> urls(JsonNode c) {
        List<Url> out = new ArrayList<>();
        String website = text(c, "website");
        if (website != null) out.add(new Url(website, "PERSONAL"));
        for (JsonNode u : Tolerant.array(c, "social_media_urls")) {
            String url = u.isTextual() ? u.asText() : text(u, "url");
            if (url != null && !url.isBlank()) out.add(new Url(url, Enums.urlType(url)));
        }
        return out;
    }

    static List<Address> address(JsonNode c) {
        JsonNode a = Tolerant.object(c, "address");
        if (a == null && text(c, "country_code") == null) return List.of();
        if (a == null) return List.of(new Address(null, null, null, null, null, null, text(c, "country_code"), null));
        String street = text(a, "street");
        String city = text(a, "city");
        String state = text(a, "state");
        String zip = text(a, "postal_code");
        String country = text(c, "country_code");
        if (street == null && city == null && state == null && zip == null && country == null) return List.of();
        return List.of(new Address(
                null, street, null, city, state, zip, country, Tolerant.join(", ", street, city, state, zip, country)));
    }

    /** Embedded custom field values {@code [{"id": 170911, "value": ".."}]} keyed by the field definition id. */
    static Map<String, Object> customFields(JsonNode c) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (JsonNode f : Tolerant.array(c.path("_embedded"), "custom_fields")) {
            String key = id(f, "id");
            JsonNode v = f.get("value");
            if (key != null) out.put(key, v == null || v.isNull() ? null : v.isContainerNode() ? v : v.asText());
        }
        return out;
    }

    /** Job status names (docs/providers/cats.md §8.7) → OPEN | CLOSED | DRAFT | ON_HOLD | OTHER. */
    static String jobStatus(String title) {
        if (title == null) return "OTHER";
        String t = title.toLowerCase(Locale.ROOT).replace(" ", "").replace("-", "");
        return switch (t) {
            case "active", "open", "hot" -> "OPEN";
            case "upcoming", "lead", "draft" -> "DRAFT";
            case "onhold", "hold" -> "ON_HOLD";
            case "full", "closed", "filled", "canceled", "cancelled" -> "CLOSED";
            default -> "OTHER";
        };
    }

    /** CATS job type codes (OpenCATS heritage, [INF]): H hire, C contract, C2H contract to hire, FL freelance. */
    static String employmentType(String code) {
        if (code == null) return null;
        return switch (code.toUpperCase(Locale.ROOT)) {
            case "H" -> "FULL_TIME";
            case "C", "C2H", "FL" -> "CONTRACT";
            default -> "OTHER";
        };
    }

    static Job job(JsonNode j, Map<String, String> jobStatusTitles) {
        String rid = id(j, "id");
        String statusId = id(j, "status_id");
        String statusTitle = statusId == null ? null : jobStatusTitles.get(statusId);
        JsonNode loc = Tolerant.object(j, "location");
        List<Address> locations = loc == null
                ? List.of()
                : List.of(new Address(
                        null,
                        null,
                        null,
                        text(loc, "city"),
                        text(loc, "state"),
                        text(loc, "postal_code"),
                        text(j, "country_code"),
                        Tolerant.join(", ", text(loc, "city"), text(loc, "state"), text(loc, "postal_code"))));
        List<Compensation> comp = new ArrayList<>();
        BigDecimal salary = Tolerant.decimal(j, "salary");
        if (salary != null) comp.add(new Compensation(salary, salary, null, null, "SALARY"));
        BigDecimal maxRate = Tolerant.decimal(j, "max_rate");
        if (maxRate != null) comp.add(new Compensation(null, maxRate, null, "HOUR", "BILL_RATE"));
        List<HiringTeamMember> team = new ArrayList<>();
        String recruiter = id(j, "recruiter_id");
        String owner = id(j, "owner_id");
        if (recruiter != null) team.add(new HiringTeamMember(ref(recruiter), List.of("RECRUITER"), "recruiter"));
        if (owner != null) team.add(new HiringTeamMember(ref(owner), List.of("OWNER"), "owner"));
        String type = text(j, "type");
        return new Job(
                RemoteKey.encode(rid),
                rid,
                instant(j, "date_created"),
                instant(j, "date_modified"),
                null,
                text(j, "title"),
                text(j, "external_id"),
                text(j, "description"),
                "HTML",
                statusTitle == null ? "OTHER" : jobStatus(statusTitle),
                statusTitle != null ? statusTitle : statusId,
                employmentType(type),
                type,
                locations,
                comp,
                Tolerant.integer(j, "openings"),
                ref(id(j, "company_id")),
                team,
                null,
                null,
                customFields(j),
                j);
    }

    /** CATS status {@code mapping} (docs/providers/cats.md §4.3) → stage category. */
    static String stageCategory(String mapping) {
        if (mapping == null) return "OTHER";
        return switch (mapping.toLowerCase(Locale.ROOT)) {
            case "applicant" -> "NEW";
            case "contacted", "email", "qualifying" -> "SCREENING";
            case "submitted" -> "SUBMITTED";
            case "interviewing" -> "INTERVIEW";
            case "offered" -> "OFFER";
            case "declined" -> "REJECTED";
            case "placed" -> "HIRED";
            default -> "OTHER";
        };
    }

    static JobInterviewStage stage(JsonNode s, int position, JsonNode workflow, Ref job) {
        String wf = id(s, "workflow_id");
        if (wf == null) wf = id(workflow, "id");
        String sid = id(s, "id");
        String mapping = text(s, "mapping");
        return new JobInterviewStage(
                RemoteKey.encode(wf, sid),
                sid,
                null,
                null,
                null,
                text(s, "title"),
                job,
                new Ref(RemoteKey.encode(wf), wf, workflow == null ? null : text(workflow, "title")),
                position,
                stageCategory(mapping),
                mapping,
                true,
                Map.of(),
                s);
    }

    /** The status {@code mapping} of rejections (§4.3). */
    static final String DECLINED = "declined";

    static RejectionReason rejectionReason(JsonNode s, JsonNode workflow) {
        String wf = id(s, "workflow_id");
        if (wf == null) wf = id(workflow, "id");
        String sid = id(s, "id");
        return new RejectionReason(
                RemoteKey.encode(wf, sid),
                sid,
                null,
                null,
                null,
                text(s, "title"),
                new Ref(RemoteKey.encode(wf), wf, workflow == null ? null : text(workflow, "title")),
                Map.of(),
                s);
    }

    static Application application(JsonNode p, Map<String, JsonNode> statusesById) {
        String rid = id(p, "id");
        String statusId = id(p, "status_id");
        String wf = id(p, "workflow_id");
        JsonNode status = statusId == null ? null : statusesById.get(statusId);
        if (wf == null && status != null) wf = id(status, "workflow_id");
        String mapping = status == null ? null : text(status, "mapping");
        String category = stageCategory(mapping);
        StageRef stage = statusId == null
                ? null
                : new StageRef(
                        wf == null ? null : RemoteKey.encode(wf, statusId),
                        statusId,
                        status == null ? null : text(status, "title"),
                        category,
                        mapping);
        return new Application(
                RemoteKey.encode(rid),
                rid,
                instant(p, "date_created"),
                instant(p, "date_modified"),
                null,
                ref(id(p, "candidate_id")),
                ref(id(p, "job_id")),
                stage,
                Enums.statusFromCategory(category),
                mapping != null ? mapping : status == null ? null : text(status, "title"),
                instant(p, "date_created"),
                Tolerant.integer(p, "rating"),
                Map.of(),
                p);
    }

    static Attachment attachment(JsonNode a) {
        String rid = id(a, "id");
        String name = text(a, "filename");
        JsonNode item = Tolerant.object(a, "data_item");
        Ref candidate = item != null && "candidate".equals(text(item, "type")) ? ref(id(item, "id")) : null;
        boolean resume = Boolean.TRUE.equals(Tolerant.bool(a, "is_resume"));
        String ct = text(a, "content_type");
        String id = RemoteKey.encode(rid);
        return new Attachment(
                id,
                rid,
                instant(a, "date_created"),
                instant(a, "date_modified"),
                null,
                name,
                ct != null ? ct : Enums.contentTypeFromName(name),
                Tolerant.longValue(a, "size"),
                resume ? "RESUME" : "OTHER",
                resume ? "is_resume" : null,
                candidate,
                null,
                "/unified/ats/attachments/" + id + "/content",
                Map.of(),
                a);
    }

    static Company company(JsonNode c) {
        String rid = id(c, "id");
        return new Company(
                RemoteKey.encode(rid),
                rid,
                instant(c, "date_created"),
                instant(c, "date_modified"),
                null,
                text(c, "name"),
                text(c, "website"),
                phones(c),
                address(c),
                ref(id(c, "owner_id")),
                customFields(c),
                c);
    }

    static String accessRole(String level) {
        if (level == null) return "OTHER";
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "site_admin", "root", "administrator" -> "ADMIN";
            case "add_edit_delete", "add_edit" -> "TEAM_MEMBER";
            case "sourcer", "read_only" -> "LIMITED_TEAM_MEMBER";
            default -> "OTHER";
        };
    }

    static User user(JsonNode u) {
        String rid = id(u, "id");
        String first = text(u, "first_name");
        String last = text(u, "last_name");
        String email = text(u, "email");
        if (email == null) email = text(u, "email_address");
        String level = text(u, "access_level");
        return new User(
                RemoteKey.encode(rid),
                rid,
                instant(u, "date_created"),
                instant(u, "date_modified"),
                null,
                first,
                last,
                Tolerant.join(" ", first, last) != null ? Tolerant.join(" ", first, last) : text(u, "username"),
                email,
                email == null ? List.of() : List.of(new Email(email, "WORK", true)),
                "ACTIVE",
                null,
                accessRole(level),
                level,
                text(u, "title"),
                Map.of(),
                u);
    }

    static Organization organization(JsonNode site) {
        String rid = id(site, "id");
        String sub = text(site, "subdomain");
        return new Organization(
                RemoteKey.encode(rid),
                rid,
                null,
                null,
                sub == null ? null : "https://" + sub + ".catsone.com",
                sub,
                sub,
                Map.of(),
                site);
    }
}
