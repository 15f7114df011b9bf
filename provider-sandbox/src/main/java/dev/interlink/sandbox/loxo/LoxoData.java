package dev.interlink.sandbox.loxo;

import static dev.interlink.sandbox.common.Seeds.pick;

import dev.interlink.sandbox.common.EntityStore;
import dev.interlink.sandbox.common.Seeds;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seeded Loxo agency. Person {@code i} is a candidate (job-person link {@code i}) on job {@code i % jobs} at a
 * stage spread over the workflow; shapes follow docs/providers/loxo.md §6. Dates are ISO-8601 UTC with milliseconds (§7).
 */
final class LoxoData {
    static final DateTimeFormatter ISO_MS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static final long PERSON_BASE = 230_000_000L;
    static final long JOB_BASE = 3_406_000L;
    static final long CANDIDATE_BASE = 55_500_000L;
    static final long COMPANY_BASE = 1_158_000L;
    static final long EVENT_BASE = 1_306_000_000L;
    static final long USER_BASE = 150_100L;
    static final long AGENCY_ID = 39_026L;
    static final long DEAL_BASE = 880_000L;
    static final long PLACEMENT_BASE = 547_000L;

    static final long WORKFLOW_ID = 41_001L;
    /** id, name, position (left to right). Progression moves only rightwards (§5). */
    static final Object[][] STAGES = {
        {318_331L, "Sourced", 1},
        {318_332L, "Applied", 2},
        {318_333L, "Pre Qualified", 3},
        {318_334L, "Submitted to Client", 4},
        {318_335L, "Interview", 5},
        {318_336L, "Offer", 6},
        {318_337L, "Hired", 7}
    };
    /** id, key, name, mapped workflow_stage_id (null = "Nothing"). Keys from a live agency (§5, §8.4). */
    static final Object[][] ACTIVITY_TYPES = {
        {1_550_055L, "identified", "Added to Job", 318_331L},
        {1_550_056L, "unidentified", "Unsourced", null},
        {1_550_057L, "applied", "Applied", 318_332L},
        {1_550_058L, "longlisted", "Longlisted", 318_333L},
        {1_550_059L, "marked_as_maybe", "Marked as Maybe", 318_333L},
        {1_550_060L, "marked_as_yes", "Marked as Yes", 318_334L},
        {1_550_061L, "interview_scheduled", "Interview Scheduled", 318_335L},
        {1_550_062L, "offer_extended", "Offer Extended", 318_336L},
        {1_550_063L, "hired", "Hired", 318_337L},
        {1_550_064L, "general_note", "Note Update", null},
        {1_550_065L, "outgoing_phone_call", "Outgoing Phone Call", null},
        {1_550_066L, "sent_email", "Sent Email", null}
    };

    static final Object[][] JOB_STATUSES = {
        {70_251L, "Active"}, {70_252L, "On Hold"}, {70_253L, "Closed"}, {70_254L, "Filled"}
    };
    static final Object[][] JOB_TYPES = {{9_774L, "Full Time"}, {9_775L, "Contract"}, {9_776L, "Part Time"}};
    static final Object[][] PERSON_TYPES = {{2_157L, "candidate", "Candidate"}, {2_158L, "contact", "Contact"}};

    final long seed;
    final int n;
    final int jobCount;
    final int companyCount;
    final EntityStore people;
    final EntityStore jobs;
    final EntityStore candidates;
    final EntityStore companies;
    final EntityStore events;
    final EntityStore deals;
    final EntityStore placements;
    final List<Map<String, Object>> users = new ArrayList<>();
    /** Uploaded resume/document bytes by id. */
    final Map<Long, byte[]> files = new ConcurrentHashMap<>();

    LoxoData(long seed, int n) {
        this.seed = seed;
        this.n = n;
        this.jobCount = Math.max(3, n / 20);
        this.companyCount = Math.max(3, Math.min(2000, n / 50));
        this.people = new EntityStore(PERSON_BASE, n, this::person);
        this.jobs = new EntityStore(JOB_BASE, jobCount, this::job);
        this.candidates = new EntityStore(CANDIDATE_BASE, n, this::candidate);
        this.companies = new EntityStore(COMPANY_BASE, companyCount, this::company);
        this.events = new EntityStore(EVENT_BASE, n, this::event);
        this.deals = new EntityStore(DEAL_BASE, Math.max(3, n / 100), this::deal);
        this.placements = new EntityStore(PLACEMENT_BASE, Math.max(3, n / 100), this::placement);
        for (int u = 0; u < 8; u++) users.add(user(u));
    }

    static String ts(Instant i) {
        return ISO_MS.format(i);
    }

    static Map<String, Object> idName(Object id, Object name) {
        Map<String, Object> m = new LinkedHashMap<>(2);
        m.put("id", id);
        m.put("name", name);
        return m;
    }

    Map<String, Object> person(int i) {
        SplittableRandom r = Seeds.rnd(seed, 11, i);
        String first = pick(r, Seeds.FIRST);
        String last = pick(r, Seeds.LAST);
        String[] city = pick(r, Seeds.CITIES);
        long id = people.idOf(i);
        Instant created = Seeds.created(i, n);
        Map<String, Object> p = new LinkedHashMap<>(48);
        p.put("id", id);
        p.put("name", first + " " + last);
        p.put("description", "");
        p.put("profile_picture_thumb_url", "/profile_pictures/thumb/missing.png");
        p.put("profile_picture_original_url", "/profile_pictures/original/missing.png");
        p.put("location", city[0] + ", " + city[1]);
        p.put("address", null);
        p.put("city", city[0]);
        p.put("state", city[1]);
        p.put("zip", city[2]);
        p.put("country", "United States");
        p.put("current_title", pick(r, Seeds.TITLES));
        p.put("current_company", pick(r, Seeds.COMPANIES));
        p.put("current_compensation", null);
        p.put("compensation", 50_000 + r.nextInt(100) * 1000);
        p.put("compensation_notes", null);
        p.put("compensation_currency_id", 1);
        p.put("salary", null);
        p.put("salary_type_id", null);
        p.put("person_types", List.of(personType(0)));
        p.put("owned_by_id", USER_BASE + 1 + r.nextInt(8));
        p.put("agency_id", AGENCY_ID);
        p.put("created_at", ts(created));
        p.put("updated_at", ts(created));
        p.put("created_by_id", null);
        p.put("updated_by_id", null);
        List<Map<String, Object>> emails = new ArrayList<>();
        emails.add(emailRow(id * 2, (first + "." + last + i).toLowerCase() + "@" + pick(r, Seeds.DOMAINS)));
        p.put("emails", emails);
        List<Map<String, Object>> phones = new ArrayList<>();
        phones.add(phoneRow(id * 2 + 1, Seeds.phone(r)));
        p.put("phones", phones);
        p.put("blocked", false);
        p.put("blocked_until", null);
        p.put("list_ids", List.of());
        p.put("job_profiles", List.of());
        p.put("education_profiles", List.of());
        List<Map<String, Object>> resumes = new ArrayList<>();
        resumes.add(
                fileRow(id * 10, (first + "_" + last).toLowerCase() + (i % 3 == 2 ? "_cv.docx" : "_cv.pdf"), created));
        p.put("resumes", resumes);
        p.put("documents", new ArrayList<>());
        p.put("linkedin_url", "https://www.linkedin.com/in/" + (first + "-" + last).toLowerCase() + "-" + i);
        p.put("person_global_status", null);
        p.put("all_raw_tags", i % 7 == 0 ? "referral" : "");
        p.put("skillsets", pick(r, Seeds.SKILLS));
        p.put("source_type", idName(38_518L, "API"));
        return p;
    }

    static Map<String, Object> emailRow(long id, String value) {
        Map<String, Object> e = new LinkedHashMap<>(3);
        e.put("id", id);
        e.put("value", value);
        e.put("email_type_id", 1455);
        return e;
    }

    static Map<String, Object> phoneRow(long id, String value) {
        Map<String, Object> e = new LinkedHashMap<>(3);
        e.put("id", id);
        e.put("value", value);
        e.put("phone_type_id", 144_403);
        return e;
    }

    static Map<String, Object> fileRow(long id, String name, Instant created) {
        Map<String, Object> f = new LinkedHashMap<>(4);
        f.put("id", id);
        f.put("name", name);
        f.put("created_at", ts(created));
        f.put("updated_at", ts(created));
        return f;
    }

    static Map<String, Object> personType(int k) {
        Object[] row = PERSON_TYPES[k];
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", row[0]);
        t.put("key", row[1]);
        t.put("name", row[2]);
        t.put("default", k == 0);
        t.put("position", k + 1);
        return t;
    }

    Map<String, Object> job(int j) {
        SplittableRandom r = Seeds.rnd(seed, 12, j);
        String[] city = pick(r, Seeds.CITIES);
        long id = jobs.idOf(j);
        Instant created = Seeds.created(j, jobCount);
        int companyIdx = r.nextInt(companyCount);
        int s = r.nextInt(10);
        Object[] status = JOB_STATUSES[s < 6 ? 0 : s < 7 ? 1 : s < 9 ? 2 : 3];
        String title = pick(r, Seeds.TITLES);
        Map<String, Object> m = new LinkedHashMap<>(48);
        m.put("id", id);
        m.put("agency", idName(AGENCY_ID, "Sandbox Agency"));
        m.put("title", title);
        m.put("published_name", title);
        m.put("macro_address", city[0] + ", " + city[1]);
        m.put("description", "<p>Join our client's team.</p>");
        m.put("description_text", "Join our client's team.");
        m.put("internal_notes", null);
        Map<String, Object> company = new LinkedHashMap<>();
        company.put("id", companies.idOf(companyIdx));
        company.put("name", companyName(companyIdx));
        company.put("hidden", false);
        company.put("logo_large_url", "/logos/large/missing.png");
        company.put("logo_thumb_url", "/logos/thumb/missing.png");
        m.put("company", company);
        m.put("company_hidden", false);
        m.put("address", null);
        m.put("city", city[0]);
        m.put("state_code", city[1]);
        m.put("zip", city[2]);
        m.put("country_code", "US");
        m.put("owners", List.of(owner(j)));
        m.put("contacts", List.of());
        int salary = 80 + r.nextInt(80);
        m.put("salary", String.valueOf(salary * 1000));
        m.put("salary_min", String.valueOf((salary - 10) * 1000));
        m.put("salary_max", String.valueOf((salary + 10) * 1000));
        m.put("salary_type_id", 1);
        m.put("salary_currency_id", 1);
        m.put("fee", "25.0");
        m.put("fee_type_id", 1);
        Object[] type = JOB_TYPES[r.nextInt(JOB_TYPES.length)];
        m.put("job_type", idName(type[0], type[1]));
        m.put("status", idName(status[0], status[1]));
        m.put("categories", List.of());
        m.put("category", null);
        m.put("documents", List.of());
        m.put("published", status[0].equals(70_251L));
        m.put("published_at", status[0].equals(70_251L) ? ts(created) : null);
        m.put("opened_at", ts(created));
        m.put("filled_at", null);
        m.put("created_at", ts(created));
        m.put("updated_at", ts(created));
        m.put("remote_work_allowed", r.nextInt(4) == 0);
        m.put("public_url", "https://app.loxo.co/job/" + id);
        return m;
    }

    String companyName(int k) {
        String base = Seeds.COMPANIES[k % Seeds.COMPANIES.length];
        return k < Seeds.COMPANIES.length ? base : base + " " + (k / Seeds.COMPANIES.length + 1);
    }

    Map<String, Object> company(int k) {
        String name = companyName(k);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", companies.idOf(k));
        c.put("name", name);
        c.put(
                "url",
                "https://"
                        + Seeds.COMPANIES[k % Seeds.COMPANIES.length]
                                .toLowerCase()
                                .replace(' ', '-') + ".example.com");
        c.put("job_count", 0);
        c.put("owned_by_name", users.isEmpty() ? null : "Agency Owner");
        c.put("owned_by_id", USER_BASE + 1);
        c.put("description", "");
        c.put("logo_large_url", "/logos/large/missing.png");
        c.put("logo_thumb_url", "/logos/thumb/missing.png");
        return c;
    }

    /** Stage index for seeded candidate i: skewed towards the early stages. */
    int stageIndex(int i) {
        SplittableRandom r = Seeds.rnd(seed, 13, i);
        return Math.min(STAGES.length - 1, (int) Math.floor(Math.pow(r.nextDouble(), 2) * STAGES.length));
    }

    /** Stored link record; rendered with the live person at response time (see LoxoRoutes). */
    Map<String, Object> candidate(int i) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", candidates.idOf(i));
        c.put("job_id", jobs.idOf(i % jobCount));
        c.put("person_id", people.idOf(i));
        c.put("workflow_stage_id", STAGES[stageIndex(i)][0]);
        c.put("position", i / jobCount + 1);
        c.put("candidate_rejection_reason", null);
        c.put("highlights", null);
        c.put("latest_person_event_id", events.idOf(i));
        return c;
    }

    static Long activityForStage(long stageId) {
        for (Object[] a : ACTIVITY_TYPES) if (a[3] != null && (Long) a[3] == stageId) return (Long) a[0];
        return (Long) ACTIVITY_TYPES[0][0];
    }

    Map<String, Object> event(int i) {
        Instant when = Seeds.created(i, n).plusSeconds(3600);
        long stage = (Long) STAGES[stageIndex(i)][0];
        long at = activityForStage(stage);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", events.idOf(i));
        e.put("notes", null);
        e.put("pinned", false);
        e.put("person_id", people.idOf(i));
        e.put("activity_type_id", at);
        e.put("job_id", jobs.idOf(i % jobCount));
        e.put("company_id", null);
        e.put("created_at", ts(when));
        e.put("created_by_id", USER_BASE + 1);
        e.put("updated_at", ts(when));
        e.put("updated_by_id", USER_BASE + 1);
        e.put("documents", List.of());
        return e;
    }

    Map<String, Object> deal(int k) {
        SplittableRandom r = Seeds.rnd(seed, 16, k);
        int companyIdx = r.nextInt(companyCount);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", deals.idOf(k));
        d.put("name", companyName(companyIdx) + " - retained search");
        d.put("amount", String.valueOf(10_000 + r.nextInt(90) * 1000) + ".0");
        d.put("company", idName(companies.idOf(companyIdx), companyName(companyIdx)));
        d.put("owner_id", USER_BASE + 1 + r.nextInt(8));
        d.put("created_at", ts(Seeds.created(k, Math.max(3, n / 100))));
        return d;
    }

    /** Money values are strings; start/end are date-only (§6.11 [LIVE]). */
    Map<String, Object> placement(int k) {
        SplittableRandom r = Seeds.rnd(seed, 17, k);
        int personIdx = n == 0 ? 0 : (int) ((k * 97L) % n);
        int jobIdx = n == 0 ? 0 : personIdx % jobCount;
        Map<String, Object> person = n == 0 ? null : people.get(people.idOf(personIdx));
        Map<String, Object> job = jobs.get(jobs.idOf(jobIdx));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", placements.idOf(k));
        p.put("person", person == null ? null : idName(person.get("id"), person.get("name")));
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("id", job.get("id"));
        j.put("title", job.get("title"));
        Map<?, ?> company = (Map<?, ?>) job.get("company");
        j.put("company", idName(company.get("id"), company.get("name")));
        p.put("job", j);
        java.time.LocalDate start = java.time.LocalDate.of(2024, 1, 1).plusDays(r.nextInt(600));
        p.put("start_date", start.toString());
        p.put("end_date", start.plusMonths(6 + r.nextInt(18)).toString());
        p.put("salary", (80_000 + r.nextInt(80) * 1000) + ".0");
        p.put("bill_rate", (80 + r.nextInt(60)) + ".0");
        return p;
    }

    /** A job owner row (§6.3): its own row id, and the user it names in {@code user_id}. */
    Map<String, Object> owner(int j) {
        Map<String, Object> u = user(j % 8);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", 900_000L + j);
        o.put("position", 1);
        o.put("name", u.get("name"));
        o.put("email", u.get("email"));
        o.put("phone", null);
        o.put("user_id", u.get("id"));
        o.put("avatar_thumb_url", "/profile_pictures/thumb/missing.png");
        o.put("avatar_original_url", "/profile_pictures/original/missing.png");
        o.put("job_owner_type_id", 3);
        return o;
    }

    Map<String, Object> user(int u) {
        SplittableRandom r = Seeds.rnd(seed, 15, u);
        String first = pick(r, Seeds.FIRST);
        String last = pick(r, Seeds.LAST);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", USER_BASE + 1 + u);
        m.put("name", first + " " + last);
        m.put("email", (first + "." + last).toLowerCase() + "@agency.example.com");
        m.put("created_at", ts(Instant.ofEpochSecond(Seeds.EPOCH - 86400L * (100 - u))));
        m.put("updated_at", ts(Instant.ofEpochSecond(Seeds.EPOCH)));
        m.put("avatar_thumb_url", "/profile_pictures/thumb/missing.png");
        m.put("twilio_phone_number", null);
        return m;
    }

    static Object[] stage(Object id) {
        if (!(id instanceof Number n)) return null;
        for (Object[] s : STAGES) if ((Long) s[0] == n.longValue()) return s;
        return null;
    }

    static Object[] activityType(long id) {
        for (Object[] a : ACTIVITY_TYPES) if ((Long) a[0] == id) return a;
        return null;
    }
}
