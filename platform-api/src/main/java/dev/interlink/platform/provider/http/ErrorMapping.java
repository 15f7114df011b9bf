package dev.interlink.platform.provider.http;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Provider failures classified as a table, so that each status's meaning is one line: what it means for the caller,
 * whether a retry can help (or the customer must fix something), and whether the account needs re-authorization. The
 * body of an error is truncated and stripped of the account's credentials before it is shown.
 */
public final class ErrorMapping {
    public enum Action {
        NONE,
        MARK_NEEDS_REAUTH
    }

    public record Resolution(ErrorCode code, boolean retryable, Action action) {}

    static final int MAX_BODY = 512;

    /** Exact statuses; 5xx and everything else fall through to {@link #resolve(int)}'s defaults. */
    static final Map<Integer, Resolution> TABLE = Map.of(
            400, new Resolution(ErrorCode.REMOTE_INPUT_INVALID, false, Action.NONE),
            401, new Resolution(ErrorCode.INTEGRATION_REAUTH_REQUIRED, false, Action.MARK_NEEDS_REAUTH),
            403, new Resolution(ErrorCode.INTEGRATION_REAUTH_REQUIRED, false, Action.MARK_NEEDS_REAUTH),
            404, new Resolution(ErrorCode.REMOTE_NOT_FOUND, false, Action.NONE),
            409, new Resolution(ErrorCode.REMOTE_INPUT_INVALID, false, Action.NONE),
            422, new Resolution(ErrorCode.REMOTE_INPUT_INVALID, false, Action.NONE),
            429, new Resolution(ErrorCode.REMOTE_RATE_LIMIT_EXCEEDED, true, Action.NONE));

    static final Resolution SERVER_ERROR = new Resolution(ErrorCode.REMOTE_SERVICE_UNAVAILABLE, true, Action.NONE);
    static final Resolution UNKNOWN = new Resolution(ErrorCode.REMOTE_UNKNOWN_HTTP_ERROR, false, Action.NONE);

    private ErrorMapping() {}

    public static Resolution resolve(int status) {
        Resolution r = TABLE.get(status);
        if (r != null) {
            return r;
        }
        return status >= 500 ? SERVER_ERROR : UNKNOWN;
    }

    /**
     * The problem for a provider error response; {@code secrets} are masked out of the quoted body. {@code provider}
     * is the catalog's display name, as in every message here.
     */
    public static ApiProblem problem(
            String provider, int status, HttpHeaders headers, byte[] bodyPrefix, Iterable<String> secrets) {
        Resolution r = resolve(status);
        String detail = provider + " answered " + status;
        String retryAfter = headers.firstValue("Retry-After").orElse(null);
        if (isHtml(headers) && r.code() != ErrorCode.INTEGRATION_REAUTH_REQUIRED) {
            r = SERVER_ERROR;
            detail += " with an HTML page";
        }
        if (r.code() == ErrorCode.INTEGRATION_REAUTH_REQUIRED) {
            detail += ": the account's credentials were rejected; re-link the account";
        }
        if (retryAfter != null && r.code() == ErrorCode.REMOTE_RATE_LIMIT_EXCEEDED) {
            detail += "; retry after " + retryAfter + " s";
        }
        Map<String, Object> remote = new LinkedHashMap<>();
        remote.put("status", status);
        remote.put("body", redact(bodyPrefix, secrets));
        ApiProblem problem =
                ApiProblem.of(r.code(), detail).with("retryable", r.retryable()).with("remote", remote);
        if (retryAfter != null && r.retryable()) {
            problem.header("Retry-After", retryAfter);
        }
        return problem;
    }

    /** A 2xx that is not what a JSON API sends (an HTML maintenance page, garbage). */
    public static ApiProblem unreadable(String provider, int status, String why) {
        return ApiProblem.of(ErrorCode.REMOTE_SERVICE_UNAVAILABLE, provider + " answered " + status + " with " + why)
                .with("retryable", true);
    }

    public static ApiProblem timeout(String provider) {
        return ApiProblem.of(ErrorCode.REMOTE_TIMEOUT, provider + " did not answer in time")
                .with("retryable", true);
    }

    public static ApiProblem unreachable(String provider, String why) {
        return ApiProblem.of(ErrorCode.REMOTE_SERVICE_UNAVAILABLE, provider + " could not be reached (" + why + ")")
                .with("retryable", true);
    }

    static boolean isHtml(HttpHeaders headers) {
        return headers.firstValue("Content-Type")
                .map(ct -> ct.toLowerCase(Locale.ROOT).contains("html"))
                .orElse(false);
    }

    /** Shorter credential values are not searched for: they would blank out ordinary words. */
    static final int MIN_SECRET = 4;

    /** A trailing fragment this long (or half of a shorter value) is masked when the excerpt ends in it. */
    static final int MIN_FRAGMENT = 6;

    /**
     * The quoted body: every credential value masked (as given, its part after an auth scheme such as "Bearer ",
     * JSON-escaped and URL-encoded), then cut to {@link #MAX_BODY} characters; if the excerpt then ends in the beginning
     * of a credential value (the read or the cut went through the middle of one), that fragment is masked too.
     */
    static String redact(byte[] body, Iterable<String> secrets) {
        String text = new String(body, StandardCharsets.UTF_8);
        List<String> needles = needles(secrets);
        for (String n : needles) {
            text = text.replace(n, "***");
        }
        boolean cut = text.length() > MAX_BODY;
        if (cut) text = text.substring(0, MAX_BODY);
        text = maskTrailingFragment(text, needles);
        return cut ? text + "…" : text;
    }

    static List<String> needles(Iterable<String> secrets) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String s : secrets) {
            if (s == null) continue;
            int space = s.indexOf(' ');
            List<String> forms = space > 0 ? List.of(s, s.substring(space + 1).trim()) : List.of(s);
            for (String f : forms) {
                if (f.length() < MIN_SECRET) continue;
                out.add(f);
                out.add(f.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
                out.add(java.net.URLEncoder.encode(f, StandardCharsets.UTF_8));
            }
        }
        List<String> sorted = new java.util.ArrayList<>(out);
        sorted.sort(java.util.Comparator.comparingInt(String::length).reversed()); // longest first
        return sorted;
    }

    static String maskTrailingFragment(String text, List<String> needles) {
        String t = text;
        while (t.endsWith("\uFFFD")) t = t.substring(0, t.length() - 1); // a character cut by the read limit
        for (String n : needles) {
            int min = Math.min(MIN_FRAGMENT, Math.max(3, (n.length() + 1) / 2));
            for (int k = Math.min(n.length() - 1, t.length()); k >= min; k--) {
                if (t.endsWith(n.substring(0, k))) {
                    return t.substring(0, t.length() - k) + "***";
                }
            }
        }
        return text;
    }
}
