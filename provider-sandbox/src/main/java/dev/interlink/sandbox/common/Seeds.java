package dev.interlink.sandbox.common;

import java.time.Instant;
import java.util.SplittableRandom;

/** Deterministic, realistic-looking values derived from (seed, kind, index): same inputs, same record. */
public final class Seeds {
    public static final String[] FIRST = {
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
        "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Carlos", "Karen",
        "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Sandra", "Mark", "Ashley", "Priya", "Emily",
        "Andrew", "Donna", "Joshua", "Michelle", "Kenji", "Carol", "Kevin", "Amanda", "Brian", "Melissa",
        "Ahmed", "Deborah", "Sofia", "Stephanie", "Lucas", "Rebecca", "Noah", "Laura", "Olivia", "Fatima"
    };
    public static final String[] LAST = {
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
        "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
        "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Patel"
    };
    public static final String[][] CITIES = {
        {"Boston", "MA", "02110"}, {"New York", "NY", "10001"}, {"Austin", "TX", "73301"},
        {"Chicago", "IL", "60601"}, {"Denver", "CO", "80202"}, {"Seattle", "WA", "98101"},
        {"San Francisco", "CA", "94105"}, {"Atlanta", "GA", "30303"}, {"Miami", "FL", "33101"},
        {"Portland", "OR", "97201"}, {"Phoenix", "AZ", "85001"}, {"Minneapolis", "MN", "55401"}
    };
    public static final String[] TITLES = {
        "Software Engineer",
        "Senior Software Engineer",
        "Product Manager",
        "Data Analyst",
        "DevOps Engineer",
        "Account Executive",
        "Sales Manager",
        "Recruiter",
        "UX Designer",
        "QA Engineer",
        "Data Scientist",
        "Marketing Manager",
        "Financial Analyst",
        "Nurse Practitioner",
        "Project Manager",
        "Backend Developer"
    };
    public static final String[] COMPANIES = {
        "Acme Corp",
        "Globex",
        "Initech",
        "Umbrella Health",
        "Stark Industries",
        "Wayne Enterprises",
        "Hooli",
        "Soylent Foods",
        "Vandelay Imports",
        "Wonka Industries",
        "Cyberdyne Systems",
        "Tyrell Corp",
        "Massive Dynamic",
        "Aperture Labs",
        "Pied Piper",
        "Oscorp",
        "Dunder Mifflin",
        "Prestige Worldwide"
    };
    public static final String[] DOMAINS = {"example.com", "mail.example.org", "inbox.example.net"};
    public static final String[] SKILLS = {
        "java", "python", "sql", "kubernetes", "sales", "negotiation", "react", "aws", "excel", "leadership"
    };

    /** 2020-01-01T00:00:00Z; seeded records are spread after it, oldest first. */
    public static final long EPOCH = 1577836800L;

    private Seeds() {}

    public static SplittableRandom rnd(long seed, int kind, long index) {
        long x = seed * 0x9E3779B97F4A7C15L + kind * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
        return new SplittableRandom(mix(x));
    }

    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static <T> T pick(SplittableRandom r, T[] a) {
        return a[r.nextInt(a.length)];
    }

    /** Creation instant for seeded record {@code i} of {@code n}: spread over ~5 years, strictly increasing. */
    public static Instant created(int i, int n) {
        long span = 5L * 365 * 86400;
        long step = Math.max(1, span / Math.max(1, n));
        return Instant.ofEpochSecond(EPOCH + i * step);
    }

    public static String phone(SplittableRandom r) {
        return "+1" + (200 + r.nextInt(800)) + "555" + pad(r.nextInt(10000), 4);
    }

    /** Zero-padded decimal without String.format (hot path when generating pages). */
    public static String pad(int v, int width) {
        String s = Integer.toString(v);
        if (s.length() >= width) return s;
        return "0".repeat(width - s.length()) + s;
    }

    /** RFC 3339 "2024-11-19T20:13:12+00:00" for a whole-second instant, without DateTimeFormatter. */
    public static String rfc3339(long epochSecond, int offsetHours) {
        java.time.LocalDateTime t =
                java.time.LocalDateTime.ofEpochSecond(epochSecond, 0, java.time.ZoneOffset.ofHours(offsetHours));
        StringBuilder sb = new StringBuilder(25);
        sb.append(t.getYear())
                .append('-')
                .append(pad(t.getMonthValue(), 2))
                .append('-')
                .append(pad(t.getDayOfMonth(), 2))
                .append('T')
                .append(pad(t.getHour(), 2))
                .append(':')
                .append(pad(t.getMinute(), 2))
                .append(':')
                .append(pad(t.getSecond(), 2))
                .append(offsetHours < 0 ? '-' : '+')
                .append(pad(Math.abs(offsetHours), 2))
                .append(":00");
        return sb.toString();
    }
}
