package dev.interlink.platform.ats;

import dev.interlink.model.ats.Application;
import dev.interlink.model.ats.Attachment;
import dev.interlink.model.ats.Candidate;
import dev.interlink.model.ats.Job;
import dev.interlink.model.ats.JobInterviewStage;
import dev.interlink.model.ats.Ref;
import dev.interlink.model.ats.UnifiedRecord;
import dev.interlink.model.ats.User;
import dev.interlink.platform.common.ApiProblem;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The list filters of the unified API, and how each is evaluated on unified records when a connector declares it
 * emulated (scan and filter, reported with a {@code FILTER_EMULATED} warning).
 */
final class EmulatedFilters {
    /** Every filter name the unified API knows; anything else in a query is an unknown parameter (400). */
    static final Set<String> KNOWN =
            Set.of("updated_after", "created_after", "ids", "q", "email", "job_id", "candidate_id", "status");

    private EmulatedFilters() {}

    static Instant time(String name, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid("/" + name, "must be an RFC 3339 date-time, e.g. 2024-01-31T00:00:00Z");
        }
    }

    /** Checks the value's syntax (before any provider call). */
    static void validate(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.invalid("/" + name, "must not be empty");
        }
        if (name.equals("updated_after") || name.equals("created_after")) {
            time(name, value);
        }
    }

    static Predicate<UnifiedRecord> predicate(String name, String value) {
        return switch (name) {
            case "updated_after" -> {
                Instant t = time(name, value);
                yield r -> r.remoteUpdatedAt() != null && r.remoteUpdatedAt().isAfter(t);
            }
            case "created_after" -> {
                Instant t = time(name, value);
                yield r -> r.remoteCreatedAt() != null && r.remoteCreatedAt().isAfter(t);
            }
            case "email" -> {
                String e = value.trim().toLowerCase(Locale.ROOT);
                yield r -> (r instanceof Candidate c
                                && c.emails().stream().anyMatch(m -> m.email()
                                        .toLowerCase(Locale.ROOT)
                                        .equals(e)))
                        || (r instanceof User u
                                && u.email() != null
                                && u.email().equalsIgnoreCase(e));
            }
            case "job_id" -> r -> (r instanceof Application a && is(a.job(), value))
                    || (r instanceof JobInterviewStage s && is(s.job(), value));
            case "candidate_id" -> r -> (r instanceof Application a && is(a.candidate(), value))
                    || (r instanceof Attachment at && is(at.candidate(), value));
            case "status" -> r -> (r instanceof Job j && value.equalsIgnoreCase(j.status()))
                    || (r instanceof Application a && value.equalsIgnoreCase(a.status()));
            default -> throw new IllegalArgumentException("no emulation for " + name);
        };
    }

    private static boolean is(Ref ref, String id) {
        return ref != null && id.equals(ref.id());
    }
}
