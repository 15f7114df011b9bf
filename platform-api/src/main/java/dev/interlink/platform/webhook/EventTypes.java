package dev.interlink.platform.webhook;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The event types a tenant can subscribe to, and how an endpoint's {@code event_types} match an event. An entry is
 * an exact type ({@code ats.candidate.created}), a prefix pattern ending in {@code .*} that covers at least one known
 * type ({@code ats.*}, {@code integrated_account.*}), or {@code *} (everything). Patterns exist because tenants want
 * "all ATS changes" without re-subscribing each time we add a type.
 */
public final class EventTypes {
    public static final String TEST = "webhook.test";

    /** The catalog, in the order {@code GET /webhook-event-types} lists it. */
    public static final List<Type> CATALOG = List.of(
            new Type("integrated_account.created", "An end customer connected an account (link flow or import)"),
            new Type("integrated_account.updated", "An account's credentials or context changed"),
            new Type("integrated_account.needs_reauth", "The provider rejected the stored credentials"),
            new Type("integrated_account.reactivated", "An account became active again (re-authorized or enabled)"),
            new Type("integrated_account.disabled", "The tenant disabled an account"),
            new Type("integrated_account.deleted", "An account was deleted and its credentials wiped"),
            new Type("ats.application.created", "A new application was found in the ATS"),
            new Type("ats.application.stage_changed", "An application moved to another stage"),
            new Type("ats.candidate.created", "A new candidate was found in the ATS"),
            new Type("ats.candidate.updated", "A candidate changed in the ATS"),
            new Type("ats.job.created", "A new job was found in the ATS"),
            new Type("ats.job.updated", "A job changed in the ATS"),
            new Type("ats.attachment.created", "A new attachment was found in the ATS"),
            new Type("import.rule_matched", "A record of an import run matched one of the import's rules"),
            new Type(TEST, "Sent by POST /webhook-endpoints/{id}/test to that endpoint only"));

    /** What {@link dev.interlink.platform.events.Events#publish} accepts as a type: dotted lower-case words. */
    private static final Pattern TYPE_SYNTAX = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

    public record Type(String type, String description) {}

    private EventTypes() {}

    public static boolean known(String type) {
        return CATALOG.stream().anyMatch(t -> t.type().equals(type));
    }

    public static boolean wellFormed(String type) {
        return type != null && type.length() <= 100 && TYPE_SYNTAX.matcher(type).matches();
    }

    /** Null when {@code entry} may be subscribed to, else why not. */
    public static String problem(String entry) {
        if (entry == null || entry.isBlank()) {
            return "is empty";
        }
        if (entry.equals("*") || known(entry)) {
            return null;
        }
        if (entry.endsWith(".*")) {
            String prefix = entry.substring(0, entry.length() - 1);
            return CATALOG.stream().anyMatch(t -> t.type().startsWith(prefix))
                    ? null
                    : "'" + entry + "' matches no known event type";
        }
        return "'" + entry + "' is not a known event type (GET /webhook-event-types lists them)";
    }

    /** Whether an endpoint subscribed to {@code entries} receives an event of {@code type}. */
    public static boolean matches(List<String> entries, String type) {
        for (String entry : entries) {
            if (entry.equals("*") || entry.equals(type)) {
                return true;
            }
            if (entry.endsWith(".*") && type.startsWith(entry.substring(0, entry.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
