package dev.interlink.platform.tenant;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A tenant's slug: the public name an admin types to sign in (admin emails are unique per tenant only, so sign-in
 * must say which tenant). Lower-case letters, digits and inner hyphens, 1 to 63 characters, as a DNS label, so it
 * can also become a sub-domain later.
 */
final class TenantSlugs {
    static final Pattern FORMAT = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TenantSlugs() {}

    /** The name folded to the slug alphabet ("Acme Recruiting, Inc." → "acme-recruiting-inc"), at most 40 characters. */
    static String fromName(String name) {
        String folded = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        folded = trimHyphens(folded.length() > 40 ? folded.substring(0, 40) : folded);
        return folded.isEmpty() ? "tenant" : folded;
    }

    /** The base with a random suffix, for a derived slug that is already taken. */
    static String withSuffix(String base) {
        byte[] bytes = new byte[3];
        RANDOM.nextBytes(bytes);
        return base + "-" + HexFormat.of().formatHex(bytes);
    }

    private static String trimHyphens(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') start++;
        while (end > start && s.charAt(end - 1) == '-') end--;
        return s.substring(start, end);
    }
}
