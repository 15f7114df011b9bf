package dev.interlink.sandbox.cats;

import static dev.interlink.sandbox.common.Seeds.pick;

import dev.interlink.sandbox.common.EntityStore;
import dev.interlink.sandbox.common.Seeds;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded CATS data. Candidate {@code i} sits in exactly one pipeline, on job {@code i % jobs}, so a job's
 * pipelines are found arithmetically. Shapes follow docs/providers/cats.md §5.
 */
final class CatsData {
    /** Offsets differ between endpoints for the same instant (docs/providers/cats.md §1 [LIVE]): pipelines use -05:00. */
    static final ZoneOffset UTC = ZoneOffset.UTC;

    static final ZoneOffset CENTRAL = ZoneOffset.ofHours(-5);

    static final long CANDIDATE_BASE = 407_000_000L;
    static final long JOB_BASE = 16_456_000L;
    static final long PIPELINE_BASE = 302_700_000L;
    static final long COMPANY_BASE = 22_668_000L;
    static final long USER_BASE = 595_800L;
    static final long ATTACHMENT_BASE = 744_700_000L;
    static final long ACTIVITY_BASE = 810_000_000L;
    static final long CONTACT_BASE = 123_450_000L;
    /** Contact statuses (names [INF]); the [LIVE] sample status is "No Status" with mapping "". */
    static final Object[][] CONTACT_STATUSES = {
        {123_456L, "No Status", ""}, {123_457L, "Active", ""}, {123_458L, "Former", ""}
    };

    static final long CONTACT_WORKFLOW = 5_696_671L;

    /** Workflow "General" (default) and a short second workflow, ids from a real account table (§5.4). */
    static final long WF_GENERAL = 5_691_190L;

    static final long WF_FAST = 5_691_191L;
    static final Object[][] GENERAL_STATUSES = {
        {6_377_094L, "No Contact", ""},
        {6_377_095L, "Contacted", "contacted"},
        {6_377_096L, "Qualifying", "applicant"},
        {6_377_097L, "Submitted", "submitted"},
        {6_377_098L, "Interviewing", "interviewing"},
        {6_377_099L, "Offered", "offered"},
        {6_377_100L, "Not in Consideration", "declined"},
        {6_377_101L, "Client Declined", "declined"},
        {6_377_103L, "Placed", "placed"}
    };
    static final Object[][] FAST_STATUSES = {
        {6_377_200L, "No Contact", ""}, {6_377_201L, "Submitted", "submitted"}, {6_377_202L, "Placed", "placed"}
    };
    /** Job statuses (names [INF] docs/providers/cats.md §8.7). */
    static final Object[][] JOB_STATUSES = {
        {3001L, "Upcoming"},
        {3002L, "Active"},
        {3003L, "OnHold"},
        {3004L, "Full"},
        {3005L, "Closed"},
        {3006L, "Canceled"}
    };

    static final Object[][] TAGS = {
        {679L, "Hot lead"}, {680L, "Relocating"}, {681L, "Remote only"}, {682L, "Referral"}, {683L, "Alumni"}
    };
    static final Object[][] CUSTOM_FIELDS = {
        {170_911L, "Shirt size", "dropdown"},
        {170_912L, "Security clearance", "checkbox"},
        {170_913L, "Notes 2", "text"}
    };
    static final String[] ACCESS = {"site_admin", "add_edit_delete", "add_edit", "sourcer", "read_only"};

    final long seed;
    final int n;
    final int jobCount;
    final int companyCount;
    final int userCount = 8;
    final EntityStore candidates;
    final EntityStore jobs;
    final EntityStore pipelines;
    final EntityStore companies;
    final EntityStore users;
    final EntityStore attachments;
    final EntityStore activities;
    final EntityStore contacts;
    /** Status history rows per pipeline id (only for pipelines moved through the API). */
    final Map<Long, List<Map<String, Object>>> statusHistory = new java.util.concurrent.ConcurrentHashMap<>();
    /** Uploaded file bytes by attachment id (seeded files are generated on download). */
    final Map<Long, byte[]> files = new java.util.concurrent.ConcurrentHashMap<>();
    /** Candidate id → tag ids, for candidates whose tags were written. */
    final Map<Long, List<Long>> tags = new java.util.concurrent.ConcurrentHashMap<>();

    CatsData(long seed, int n) {
        this.seed = seed;
        this.n = n;
        this.jobCount = Math.max(3, n / 20);
        this.companyCount = Math.max(3, Math.min(2000, n / 50));
        this.candidates = new EntityStore(CANDIDATE_BASE, n, this::candidate);
        this.jobs = new EntityStore(JOB_BASE, jobCount, this::job);
        this.pipelines = new EntityStore(PIPELINE_BASE, n, this::pipeline);
        this.companies = new EntityStore(COMPANY_BASE, companyCount, this::company);
        this.users = new EntityStore(USER_BASE, userCount, this::user);
        this.attachments = new EntityStore(ATTACHMENT_BASE, n, this::attachment);
        this.activities = new EntityStore(ACTIVITY_BASE, n, this::activity);
        this.contacts = new EntityStore(CONTACT_BASE, companyCount * 2, this::contact);
    }

    static String ts(Instant i, ZoneOffset off) {
        return Seeds.rfc3339(i.getEpochSecond(), off.getTotalSeconds() / 3600);
    }

    static Map<String, Object> link(String href) {
        Map<String, Object> m = new LinkedHashMap<>(2);
        m.put("href", href);
        return m;
    }

    static String[] name(long seed, int i) {
        SplittableRandom r = Seeds.rnd(seed, 1, i);
        return new String[] {pick(r, Seeds.FIRST), pick(r, Seeds.LAST)};
    }

    Map<String, Object> candidate(int i) {
        SplittableRandom r = Seeds.rnd(seed, 1, i);
        String first = pick(r, Seeds.FIRST);
        String last = pick(r, Seeds.LAST);
        String[] city = pick(r, Seeds.CITIES);
        long id = candidates.idOf(i);
        String email = (first + "." + last + i).toLowerCase() + "@" + pick(r, Seeds.DOMAINS);
        String phone = Seeds.phone(r);
        Instant created = Seeds.created(i, n);
        Map<String, Object> c = new LinkedHashMap<>(48);
        c.put("id", id);
        c.put("first_name", first);
        c.put("middle_name", "");
        c.put("last_name", last);
        c.put("title", pick(r, Seeds.TITLES));
        c.put("emails", null); // placeholder, filled by finishCandidate (keeps key order without a copy)
        c.put("address", address("", city[0], city[1], city[2]));
        c.put("country_code", "US");
        c.put("social_media_urls", List.of());
        c.put("website", "");
        c.put("phones", null);
        c.put("best_time_to_call", Seeds.pad(9 + r.nextInt(8), 2) + ":00");
        c.put("current_employer", pick(r, Seeds.COMPANIES));
        c.put("date_available", null);
        c.put("current_pay", String.valueOf(50_000 + r.nextInt(100) * 1000));
        c.put("desired_pay", String.valueOf(60_000 + r.nextInt(100) * 1000));
        c.put("is_willing_to_relocate", r.nextBoolean());
        c.put("key_skills", pick(r, Seeds.SKILLS) + ", " + pick(r, Seeds.SKILLS));
        c.put("notes", "");
        c.put("is_hot", r.nextInt(10) == 0);
        c.put("is_active", true);
        c.put("contact_id", null);
        long owner = USER_BASE + 1 + r.nextInt(userCount);
        c.put("owner_id", owner);
        c.put("entered_by_id", owner);
        c.put("source", r.nextBoolean() ? "Website" : "LinkedIn");
        c.put("is_registered", false);
        c.put("consent_status", null);
        c.put("date_created", ts(created, UTC));
        c.put("date_modified", ts(created, UTC));
        List<Map<String, Object>> emails = new ArrayList<>(1);
        emails.add(emailRow(id, CANDIDATE_ROW_BASE + 2L * i, email, true));
        List<Map<String, Object>> phones = new ArrayList<>(1);
        phones.add(phoneRow(id, CANDIDATE_ROW_BASE + 2L * i + 1, phone, "mobile", created));
        CatsShapes.finishCandidate(c, emails, phones);
        return c;
    }

    static final long CANDIDATE_ROW_BASE = 273_000_000L;

    static Map<String, Object> address(String street, String city, String state, String zip) {
        Map<String, Object> a = new LinkedHashMap<>(4);
        a.put("street", street);
        a.put("city", city);
        a.put("state", state);
        a.put("postal_code", zip);
        return a;
    }

    static Map<String, Object> emailRow(long candidateId, long id, String email, boolean primary) {
        Map<String, Object> e = new LinkedHashMap<>(4);
        e.put("id", id);
        e.put("email", email);
        e.put("is_primary", primary);
        e.put("_links", Map.of("self", link("/candidates/" + candidateId + "/emails/" + id)));
        return e;
    }

    static Map<String, Object> phoneRow(long candidateId, long id, String number, String type, Instant when) {
        Map<String, Object> p = new LinkedHashMap<>(7);
        p.put("id", id);
        p.put("number", number);
        p.put("extension", "");
        p.put("type", type);
        p.put("date_created", ts(when, UTC));
        p.put("date_modified", ts(when, UTC));
        p.put("_links", Map.of("self", link("/candidates/" + candidateId + "/phones/" + id)));
        return p;
    }

    long workflowOfJob(int jobIndex) {
        return jobIndex % 7 == 6 ? WF_FAST : WF_GENERAL;
    }

    Map<String, Object> job(int j) {
        SplittableRandom r = Seeds.rnd(seed, 2, j);
        String[] city = pick(r, Seeds.CITIES);
        long id = jobs.idOf(j);
        long company = companies.idOf(r.nextInt(companyCount));
        Instant created = Seeds.created(j, jobCount);
        // spread over statuses, mostly Active
        int s = r.nextInt(10);
        long statusId = (Long) JOB_STATUSES[s < 5 ? 1 : s < 6 ? 0 : s < 7 ? 2 : s < 8 ? 3 : s < 9 ? 4 : 5][0];
        Map<String, Object> m = new LinkedHashMap<>(36);
        m.put("id", id);
        m.put("title", pick(r, Seeds.TITLES));
        m.put("location", Map.of("city", city[0], "state", city[1], "postal_code", city[2]));
        m.put("country_code", "US");
        m.put("description", "<p>Join our team as we grow.</p>");
        m.put("notes", "");
        long recruiter = USER_BASE + 1 + r.nextInt(userCount);
        m.put("recruiter_id", recruiter);
        m.put("owner_id", recruiter);
        m.put("category", "Engineering");
        m.put("is_hot", r.nextInt(5) == 0);
        m.put("start_date", null);
        m.put("salary", String.valueOf(80_000 + r.nextInt(80) * 1000));
        m.put("max_rate", "");
        m.put("duration", "");
        m.put("type", "H");
        m.put("openings", 1 + r.nextInt(3));
        m.put("external_id", "EXT-" + (1000 + j));
        m.put("company_id", company);
        m.put("department_id", null);
        m.put("contact_id", null);
        m.put("status_id", statusId);
        m.put("workflow_id", workflowOfJob(j));
        m.put("is_published", statusId == 3002L);
        m.put("portal_hidden", false);
        m.put("user_groups", List.of());
        m.put("date_created", ts(created, UTC));
        m.put("date_modified", ts(created, UTC));
        CatsShapes.finishJob(m);
        return m;
    }

    Map<String, Object> pipeline(int i) {
        SplittableRandom r = Seeds.rnd(seed, 3, i);
        int jobIndex = i % jobCount;
        long wf = workflowOfJob(jobIndex);
        Object[][] statuses = wf == WF_GENERAL ? GENERAL_STATUSES : FAST_STATUSES;
        // skew towards early stages, like real pipelines
        int idx = Math.min(statuses.length - 1, (int) Math.floor(Math.pow(r.nextDouble(), 2) * statuses.length));
        Instant created = Seeds.created(i, n).plusSeconds(3600);
        Map<String, Object> p = new LinkedHashMap<>(12);
        p.put("id", pipelines.idOf(i));
        p.put("candidate_id", candidates.idOf(i));
        p.put("job_id", jobs.idOf(jobIndex));
        p.put("rating", r.nextInt(6));
        p.put("workflow_id", wf);
        p.put("status_id", statuses[idx][0]);
        p.put("date_created", ts(created, CENTRAL));
        p.put("date_modified", ts(created, CENTRAL));
        CatsShapes.finishPipeline(p);
        return p;
    }

    Map<String, Object> company(int k) {
        SplittableRandom r = Seeds.rnd(seed, 4, k);
        String[] city = pick(r, Seeds.CITIES);
        String base = Seeds.COMPANIES[k % Seeds.COMPANIES.length];
        String name = k < Seeds.COMPANIES.length ? base : base + " " + (k / Seeds.COMPANIES.length + 1);
        long id = companies.idOf(k);
        Instant created = Seeds.created(k, companyCount);
        Map<String, Object> c = new LinkedHashMap<>(16);
        c.put("id", id);
        c.put("name", name);
        c.put("website", "https://" + base.toLowerCase().replace(' ', '-') + ".example.com");
        c.put("address", address("", city[0], city[1], city[2]));
        c.put("country_code", "US");
        c.put("phones", Map.of("main", Seeds.phone(r)));
        c.put("key_technologies", "");
        c.put("notes", "");
        c.put("is_hot", false);
        c.put("owner_id", USER_BASE + 1 + r.nextInt(userCount));
        c.put("date_created", ts(created, UTC));
        c.put("date_modified", ts(created, UTC));
        c.put("_links", Map.of("self", link("/companies/" + id)));
        c.put("_embedded", Map.of());
        return c;
    }

    Map<String, Object> user(int u) {
        SplittableRandom r = Seeds.rnd(seed, 5, u);
        String first = pick(r, Seeds.FIRST);
        String last = pick(r, Seeds.LAST);
        long id = users.idOf(u);
        Map<String, Object> m = new LinkedHashMap<>(8);
        m.put("id", id);
        m.put("username", (first.charAt(0) + last).toLowerCase() + u);
        m.put("first_name", first);
        m.put("last_name", last);
        m.put("email", (first + "." + last).toLowerCase() + "@agency.example.com");
        m.put("title", u == 0 ? "Administrator" : "Recruiter");
        m.put("access_level", u == 0 ? ACCESS[0] : ACCESS[1 + r.nextInt(ACCESS.length - 1)]);
        m.put("_links", Map.of("self", link("/users/" + id)));
        return m;
    }

    Map<String, Object> attachment(int i) {
        String[] nm = name(seed, i);
        boolean pdf = i % 3 != 2;
        String filename = (nm[0] + "_" + nm[1]).toLowerCase() + "_resume" + (pdf ? ".pdf" : ".docx");
        long id = attachments.idOf(i);
        Map<String, Object> a = new LinkedHashMap<>(10);
        a.put("id", id);
        a.put("filename", filename);
        a.put("is_resume", true);
        a.put("size", seededFile(filename).length); // bytes are regenerated on download, same size
        a.put("version", 1);
        a.put(
                "content_type",
                pdf ? dev.interlink.sandbox.common.Documents.PDF : dev.interlink.sandbox.common.Documents.DOCX);
        a.put("data_item", Map.of("id", candidates.idOf(i), "type", "candidate"));
        a.put("date_created", ts(Seeds.created(i, n).plusSeconds(60), UTC));
        CatsShapes.finishAttachment(a);
        return a;
    }

    Map<String, Object> activity(int i) {
        long id = activities.idOf(i);
        long cand = candidates.idOf(i);
        long job = jobs.idOf(i % jobCount);
        Instant when = Seeds.created(i, n).plusSeconds(3600);
        Map<String, Object> a = new LinkedHashMap<>(12);
        a.put("id", id);
        a.put("data_item", Map.of("id", cand, "type", "candidate"));
        a.put("date", ts(when, UTC));
        a.put("regarding_id", job);
        a.put("type", "other");
        a.put("notes", null);
        a.put("annotation", "Added candidate to pipeline: No Contact");
        a.put("entered_by_id", USER_BASE + 1);
        a.put("date_created", ts(when, UTC));
        a.put("date_modified", ts(when, UTC));
        CatsShapes.finishActivity(a);
        return a;
    }

    /** Seeded resume bytes: a function of the file name only, so metadata size and download always agree. */
    static byte[] seededFile(String filename) {
        String text = "Resume " + filename;
        return filename.endsWith(".docx")
                ? dev.interlink.sandbox.common.Documents.docx(text)
                : dev.interlink.sandbox.common.Documents.pdf(text);
    }

    /** Contact shape per the [LIVE] webhook capture (§5.6): summary emails/phones objects, status embedded. */
    Map<String, Object> contact(int k) {
        SplittableRandom r = Seeds.rnd(seed, 6, k);
        String first = pick(r, Seeds.FIRST);
        String last = pick(r, Seeds.LAST);
        String[] city = pick(r, Seeds.CITIES);
        long id = contacts.idOf(k);
        int companyIdx = k / 2;
        Instant created = Seeds.created(k, companyCount * 2);
        Map<String, Object> c = new LinkedHashMap<>(28);
        c.put("id", id);
        c.put("first_name", first);
        c.put("last_name", last);
        c.put("title", k % 2 == 0 ? "Hiring Manager" : "HR Director");
        c.put("reports_to_id", null);
        c.put("owner_id", USER_BASE + 1 + r.nextInt(userCount));
        c.put("company_id", companies.idOf(companyIdx));
        Map<String, Object> emails = new LinkedHashMap<>();
        emails.put("primary", (first + "." + last).toLowerCase() + "@client" + companyIdx + ".example.com");
        emails.put("secondary", null);
        c.put("emails", emails);
        Map<String, Object> phones = new LinkedHashMap<>();
        phones.put("work", Seeds.phone(r));
        phones.put("cell", null);
        phones.put("other", null);
        c.put("phones", phones);
        c.put("address", address("", city[0], city[1], city[2]));
        c.put("country_code", "US");
        c.put("social_media_urls", List.of());
        c.put("is_hot", false);
        c.put("has_left_company", false);
        c.put("notes", "");
        c.put("entered_by_id", c.get("owner_id"));
        c.put("consent_status", null);
        c.put("date_created", ts(created, UTC));
        c.put("date_modified", ts(created, UTC));
        c.put("status_id", CONTACT_STATUSES[0][0]);
        CatsShapes.finishContact(c);
        return c;
    }

    Object[][] statusesOf(long workflowId) {
        if (workflowId == WF_GENERAL) return GENERAL_STATUSES;
        if (workflowId == WF_FAST) return FAST_STATUSES;
        return null;
    }
}
