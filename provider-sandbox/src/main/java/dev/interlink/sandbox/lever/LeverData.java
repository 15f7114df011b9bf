package dev.interlink.sandbox.lever;

import dev.interlink.sandbox.common.Documents;
import dev.interlink.sandbox.common.EntityStore;
import dev.interlink.sandbox.common.Seeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The seeded data of one Lever account, generated from (seed, size) (shapes: docs/providers/lever.md "Objects").
 * Small collections (users, stages, archive reasons, postings) are built eagerly; opportunity {@code i} (and its
 * contact, application and resume) is generated on demand, so big accounts cost little until written to.
 *
 * <p>Ids are UUIDs that encode (kind, number) under a per-seed mask, so a UUID maps back to its record without an
 * index: {@link #number(int, String)} decodes and verifies.
 */
final class LeverData {
    static final int K_OPP = 1,
            K_CONTACT = 2,
            K_APP = 3,
            K_RESUME = 4,
            K_USER = 5,
            K_POSTING = 6,
            K_STAGE = 7,
            K_REASON = 8,
            K_ACCOUNT = 9;
    static final String HIRE = "https://hire.lever.co";
    static final String[] ORIGINS = {"applied", "applied", "sourced", "referred", "agency", "university", "internal"};
    static final String[] SOURCES = {"LinkedIn", "Company website", "Referral", "Indeed", "Added manually", "AngelList"
    };
    static final String[] TAGS = {"Remote OK", "Senior", "Backend", "Frontend", "Leadership", "Relocation", "Visa"};
    static final String[] POSTING_STATES = {
        "published", "published", "published", "internal", "closed", "draft", "pending", "rejected"
    };
    static final String[] TEAMS = {"Platform", "Payments", "Growth", "Data", "Sales", "Customer Success"};
    static final String[] DEPARTMENTS = {"Engineering", "Engineering", "Product", "Engineering", "Sales", "Operations"};
    static final String[] COMMITMENTS = {"Full-time", "Full-time", "Part-time", "Contract", "Internship"};
    static final String[] WORKPLACES = {"onsite", "remote", "hybrid", "unspecified"};
    static final String[] ROLES = {"super admin", "admin", "team member", "limited team member", "interviewer"};

    final long seed;
    final int size;
    final String leverAccountId;
    final List<Map<String, Object>> users = new ArrayList<>();
    final List<Map<String, Object>> stages = new ArrayList<>();
    final List<Map<String, Object>> archiveReasons = new ArrayList<>();
    final List<Map<String, Object>> postings = new ArrayList<>();
    final EntityStore opportunities;

    LeverData(long seed, int size) {
        this.seed = seed;
        this.size = size;
        this.leverAccountId = uuid(K_ACCOUNT, 0);
        seedUsers();
        seedStages();
        seedReasons();
        seedPostings();
        this.opportunities = new EntityStore(0, size, this::opportunity);
    }

    // ---- ids ----

    String uuid(int kind, long n) {
        long mask = Seeds.mix(seed * 31 + kind) & 0xFFFFFFFFFFFFL;
        long hi = Seeds.mix(seed ^ (kind * 0x9E3779B97F4A7C15L) ^ (n * 0xBF58476D1CE4E5B9L));
        hi = (hi & ~0xF000L) | 0x4000L;
        long variant = (Seeds.mix(hi) & 0x3FFFL) | 0x8000L;
        long lo = (variant << 48) | ((n ^ mask) & 0xFFFFFFFFFFFFL);
        return new UUID(hi, lo).toString();
    }

    /** The number a UUID of {@code kind} encodes, or -1 when it is not one of ours. */
    long number(int kind, String id) {
        if (id == null || id.length() != 36) return -1;
        try {
            long lo = UUID.fromString(id).getLeastSignificantBits();
            long mask = Seeds.mix(seed * 31 + kind) & 0xFFFFFFFFFFFFL;
            long n = (lo & 0xFFFFFFFFFFFFL) ^ mask;
            return uuid(kind, n).equals(id.toLowerCase(Locale.ROOT)) ? n : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    // ---- small collections ----

    private void seedUsers() {
        int n = Math.max(5, Math.min(40, size / 25));
        for (int i = 0; i < n; i++) {
            SplittableRandom r = Seeds.rnd(seed, K_USER, i);
            String first = Seeds.pick(r, Seeds.FIRST), last = Seeds.pick(r, Seeds.LAST);
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("id", uuid(K_USER, i));
            u.put("name", first + " " + last);
            u.put("username", (first.charAt(0) + last).toLowerCase(Locale.ROOT) + i);
            u.put("email", (first.charAt(0) + last).toLowerCase(Locale.ROOT) + i + "@sandbox-co.example.com");
            u.put("accessRole", ROLES[i % ROLES.length]);
            u.put("photo", null);
            u.put("createdAt", (Seeds.EPOCH - 86400L * (n - i)) * 1000);
            // the last user left the company (GET /users hides it unless includeDeactivated=true)
            u.put("deactivatedAt", i == n - 1 && n > 5 ? (Seeds.EPOCH + 86400L * 200) * 1000 : null);
            u.put("externalDirectoryId", null);
            u.put("linkedContactIds", List.of());
            u.put(
                    "jobTitle",
                    i == 0 ? "Head of Talent" : Seeds.pick(r, new String[] {"Recruiter", "Hiring Manager", "Sourcer"}));
            u.put("managerId", i == 0 ? null : uuid(K_USER, 0));
            users.add(u);
        }
    }

    private void seedStages() {
        stage("lead-new", "New lead");
        stage("lead-reached-out", "Reached out");
        stage("lead-responded", "Responded");
        stage("applicant-new", "New applicant");
        stage(uuid(K_STAGE, 0), "Phone screen");
        stage(uuid(K_STAGE, 1), "On-site interview");
        stage("offer", "Offer");
    }

    private void stage(String id, String text) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("text", text);
        stages.add(s);
    }

    private void seedReasons() {
        reason(0, "Hired", "active", "hired");
        reason(1, "Underqualified", "active", "non-hired");
        reason(2, "Withdrew", "active", "non-hired");
        reason(3, "Position filled", "active", "non-hired");
        reason(4, "Timing", "active", "non-hired");
        reason(5, "Duplicate", "inactive", "non-hired");
    }

    private void reason(int i, String text, String status, String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", uuid(K_REASON, i));
        m.put("text", text);
        m.put("status", status);
        m.put("type", type);
        archiveReasons.add(m);
    }

    private void seedPostings() {
        int n = Math.max(8, Math.min(200, size / 20));
        for (int i = 0; i < n; i++) {
            SplittableRandom r = Seeds.rnd(seed, K_POSTING, i);
            String id = uuid(K_POSTING, i);
            String owner = userId(r.nextInt(users.size()));
            String state = POSTING_STATES[i % POSTING_STATES.length];
            String[] city = Seeds.pick(r, Seeds.CITIES);
            String title = Seeds.pick(r, Seeds.TITLES);
            long created = (Seeds.EPOCH + 86400L * 3 * i) * 1000;
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", id);
            p.put("text", title);
            p.put("createdAt", created);
            p.put("updatedAt", created + 86400_000L);
            p.put("user", owner);
            p.put("owner", owner);
            p.put("hiringManager", userId(r.nextInt(users.size())));
            p.put("confidentiality", "non-confidential");
            Map<String, Object> cat = new LinkedHashMap<>();
            int t = r.nextInt(TEAMS.length);
            cat.put("team", TEAMS[t]);
            cat.put("department", DEPARTMENTS[t]);
            cat.put("location", city[0]);
            cat.put("allLocations", List.of(city[0]));
            cat.put("commitment", Seeds.pick(r, COMMITMENTS));
            cat.put("level", r.nextBoolean() ? "Senior" : "Mid");
            p.put("categories", cat);
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("description", "Join us as a " + title + ".");
            content.put("descriptionHtml", "<div>Join us as a " + title + ".</div>");
            content.put("lists", List.of(Map.of("text", "Requirements", "content", "<li>Curiosity</li>")));
            content.put("closing", "We look forward to meeting you.");
            content.put("closingHtml", "<div>We look forward to meeting you.</div>");
            p.put("content", content);
            p.put("country", "US");
            p.put("tags", List.of());
            p.put("state", state);
            p.put("distributionChannels", state.equals("published") ? List.of("internal", "public") : null);
            String req = String.valueOf(1000 + i);
            p.put("reqCode", req);
            p.put("requisitionCodes", List.of(req));
            p.put(
                    "urls",
                    state.equals("closed")
                            ? null
                            : Map.of(
                                    "list", "https://jobs.lever.co/sandbox-co",
                                    "show", "https://jobs.lever.co/sandbox-co/" + id,
                                    "apply", "https://jobs.lever.co/sandbox-co/" + id + "/apply"));
            p.put("workplaceType", WORKPLACES[r.nextInt(WORKPLACES.length)]);
            p.put("followers", List.of(owner));
            postings.add(p);
        }
    }

    String userId(int i) {
        return (String) users.get(i).get("id");
    }

    String superAdminId() {
        return userId(0);
    }

    int stageIndex(String stageId) {
        for (int i = 0; i < stages.size(); i++) if (stages.get(i).get("id").equals(stageId)) return i;
        return -1;
    }

    Map<String, Object> reason(String id) {
        for (Map<String, Object> m : archiveReasons) if (m.get("id").equals(id)) return m;
        return null;
    }

    Map<String, Object> posting(String id) {
        for (Map<String, Object> m : postings) if (m.get("id").equals(id)) return m;
        return null;
    }

    Map<String, Object> user(String id) {
        for (Map<String, Object> m : users) if (m.get("id").equals(id)) return m;
        return null;
    }

    // ---- opportunities (generated on demand) ----

    record Person(String first, String last, String email, String phone, String city, String company) {}

    Person person(int i) {
        SplittableRandom r = Seeds.rnd(seed, K_CONTACT, i);
        String first = Seeds.pick(r, Seeds.FIRST), last = Seeds.pick(r, Seeds.LAST);
        String email =
                (first + "." + last).toLowerCase(Locale.ROOT) + "." + (i + 1) + "@" + Seeds.pick(r, Seeds.DOMAINS);
        return new Person(
                first, last, email, Seeds.phone(r), Seeds.pick(r, Seeds.CITIES)[0], Seeds.pick(r, Seeds.COMPANIES));
    }

    /** The seeded opportunity number whose contact has this email, or -1 (seeded emails carry their number). */
    long seededByEmail(String email) {
        if (email == null) return -1;
        String e = email.trim().toLowerCase(Locale.ROOT);
        int at = e.indexOf('@');
        int dot = at < 0 ? -1 : e.lastIndexOf('.', at);
        if (dot < 0) return -1;
        try {
            long n = Long.parseLong(e.substring(dot + 1, at));
            if (n < 1 || n > size) return -1;
            return person((int) (n - 1)).email().equals(e) ? n : -1;
        } catch (NumberFormatException ex) {
            return -1;
        }
    }

    Map<String, Object> opportunity(int i) {
        long n = i + 1;
        SplittableRandom r = Seeds.rnd(seed, K_OPP, i);
        Person p = person(i);
        String id = uuid(K_OPP, n);
        String owner = userId(r.nextInt(Math.min(users.size(), 4)));
        String origin = ORIGINS[r.nextInt(ORIGINS.length)];
        int start = origin.equals("sourced") ? 0 : 3;
        int last = stages.size() - 1;
        int current = start + Math.min(r.nextInt(last - start + 1), r.nextInt(last - start + 1)); // early-skewed
        long created = Seeds.created(i, Math.max(1, size)).toEpochMilli();
        List<Object> changes = new ArrayList<>();
        long t = created;
        for (int k = start; k <= current; k++) {
            if (k > start) t += 86400_000L * (1 + r.nextInt(5));
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("toStageId", stages.get(k).get("id"));
            c.put("toStageIndex", k);
            c.put("updatedAt", t);
            c.put("userId", owner);
            changes.add(c);
        }
        long lastAdvanced = t;
        Object archived = null;
        long updated = t;
        if (r.nextInt(100) < 18) {
            boolean hired = current == last && r.nextBoolean();
            String reason = hired
                    ? (String) archiveReasons.get(0).get("id")
                    : (String) archiveReasons.get(1 + r.nextInt(4)).get("id");
            long at = t + 86400_000L * (1 + r.nextInt(10));
            Map<String, Object> arch = new LinkedHashMap<>();
            arch.put("reason", reason);
            arch.put("archivedAt", at);
            archived = arch;
            updated = at;
        }
        Map<String, Object> posting = postings.get((int) (n % postings.size()));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", id);
        o.put("name", p.first() + " " + p.last());
        o.put("contact", uuid(K_CONTACT, n));
        o.put("headline", p.company());
        o.put("stage", stages.get(current).get("id"));
        o.put("confidentiality", "non-confidential");
        o.put("location", p.city());
        o.put("phones", new ArrayList<>(List.of(phone(p.phone()))));
        o.put("emails", new ArrayList<>(List.of(p.email())));
        o.put(
                "links",
                new ArrayList<>(
                        List.of("https://www.linkedin.com/in/" + (p.first() + p.last()).toLowerCase(Locale.ROOT) + n)));
        o.put("archived", archived);
        o.put("tags", new ArrayList<>(List.of(TAGS[r.nextInt(TAGS.length)])));
        o.put("sources", new ArrayList<>(List.of(origin.equals("sourced") ? "LinkedIn" : Seeds.pick(r, SOURCES))));
        o.put("stageChanges", changes);
        o.put("origin", origin);
        o.put("sourcedBy", origin.equals("sourced") ? owner : null);
        o.put("owner", owner);
        o.put("followers", new ArrayList<>(List.of(owner)));
        o.put("applications", new ArrayList<>(List.of(uuid(K_APP, n))));
        o.put("createdAt", created);
        o.put("updatedAt", updated);
        o.put("lastInteractionAt", updated);
        o.put("lastAdvancedAt", lastAdvanced);
        o.put("snoozedUntil", null);
        o.put("urls", urls(id));
        o.put("isAnonymized", false);
        o.put("dataProtection", null);
        o.put("opportunityLocation", p.city());
        // internal: which posting the (single) application is for; stripped before serving
        o.put("_posting", posting.get("id"));
        return o;
    }

    static Map<String, Object> phone(String value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "mobile");
        m.put("value", value);
        return m;
    }

    static Map<String, Object> urls(String id) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("list", HIRE + "/candidates");
        u.put("show", HIRE + "/candidates/" + id);
        return u;
    }

    /** The contact (person) of a seeded opportunity number. */
    Map<String, Object> seededContact(long n) {
        Person p = person((int) (n - 1));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", uuid(K_CONTACT, n));
        c.put("name", p.first() + " " + p.last());
        c.put("headline", p.company());
        c.put("isAnonymized", false);
        c.put("location", Map.of("name", p.city()));
        c.put("emails", List.of(p.email()));
        c.put("phones", List.of(phone(p.phone())));
        return c;
    }

    /** The seeded resume of an opportunity: PDF bytes generated from the candidate's name. */
    byte[] resumeBytes(String name) {
        return Documents.pdf("Resume of " + name);
    }
}
