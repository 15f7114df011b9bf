package dev.interlink.platform.imports;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.CronStyle;
import dev.interlink.platform.common.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When an import runs by itself: every fixed period ({@code {"every": "1h"}}, at least 15 minutes: a period shorter
 * than a big account's run would only queue runs behind each other) or on a 5-field UNIX cron expression in UTC
 * ({@code {"cron": "0 6 * * 1-5"}}, parsed by db-scheduler's cron-utils). No schedule = on demand only.
 */
record ImportSchedule(Duration every, String cron) {
    static final Duration SHORTEST = Duration.ofMinutes(15);
    private static final Pattern PERIOD = Pattern.compile("([1-9][0-9]{0,4})([mhd])");

    /** The schedule of a request body ({@code null} = none); errors are added under {@code pointer}. */
    static ImportSchedule parse(Object body, String pointer, List<FieldError> errors) {
        if (body == null) return null;
        if (!(body instanceof Map<?, ?> m) || m.size() != 1 || !(m.containsKey("every") || m.containsKey("cron"))) {
            errors.add(new FieldError(pointer, "must be {\"every\": \"1h\"}, {\"cron\": \"0 6 * * *\"} or null"));
            return null;
        }
        if (m.containsKey("every")) {
            Duration d = m.get("every") instanceof String s ? period(s) : null;
            if (d == null) {
                errors.add(
                        new FieldError(pointer + "/every", "must be a number of minutes, hours or days: 15m, 1h, 1d"));
                return null;
            }
            if (d.compareTo(SHORTEST) < 0) {
                errors.add(new FieldError(pointer + "/every", "must be at least 15m"));
                return null;
            }
            return new ImportSchedule(d, null);
        }
        if (!(m.get("cron") instanceof String cron)
                || cron.isBlank()
                || cron.trim().split("\\s+").length != 5) {
            errors.add(new FieldError(
                    pointer + "/cron", "must be a cron expression of 5 fields (minute hour day month weekday), UTC"));
            return null;
        }
        try {
            cronSchedule(cron.trim());
        } catch (RuntimeException e) {
            errors.add(new FieldError(pointer + "/cron", "is not a valid cron expression"));
            return null;
        }
        return new ImportSchedule(null, cron.trim());
    }

    static Duration period(String s) {
        Matcher m = PERIOD.matcher(s.trim());
        if (!m.matches()) return null;
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** The first run time strictly after {@code after}. */
    Instant next(Instant after) {
        if (every != null) return after.plus(every);
        return cronSchedule(cron).getNextExecutionTime(ExecutionComplete.simulatedSuccess(after));
    }

    private static CronSchedule cronSchedule(String cron) {
        return new CronSchedule(cron, ZoneOffset.UTC, CronStyle.UNIX);
    }

    /** As the API shows it. */
    Map<String, Object> view() {
        Map<String, Object> v = new LinkedHashMap<>();
        if (every != null) v.put("every", text(every));
        else v.put("cron", cron);
        return v;
    }

    static String text(Duration d) {
        if (d.toMinutes() % (24 * 60) == 0) return d.toDays() + "d";
        if (d.toMinutes() % 60 == 0) return d.toHours() + "h";
        return d.toMinutes() + "m";
    }

    static ImportSchedule of(Integer everySeconds, String cron) {
        if (everySeconds != null) return new ImportSchedule(Duration.ofSeconds(everySeconds), null);
        if (cron != null) return new ImportSchedule(null, cron);
        return null;
    }
}
