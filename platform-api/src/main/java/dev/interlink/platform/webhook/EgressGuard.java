package dev.interlink.platform.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which addresses a webhook may be sent to: public unicast only. A tenant controls the URL, so without this rule
 * our replicas would POST to their own loopback, the cluster network or the cloud metadata service (SSRF). The
 * host is checked twice: its spelling when the endpoint is saved ({@link #hostProblem}) and every resolved address
 * right before each send ({@link #forbidden}), because DNS can change between the two (rebinding).
 *
 * @see "docs/decisions/0050-webhook-outbox.md"
 */
public final class EgressGuard {
    /** A canonical dotted quad: four decimal parts, no leading zeros. */
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");
    /** Looks numeric: digits, hex 0x parts, dots. Such a host is an IPv4 address in some spelling. */
    private static final Pattern NUMERIC_ISH = Pattern.compile("[0-9a-fA-FxX.]+");

    private static final Pattern NUMBER_PART = Pattern.compile("(0[xX][0-9a-fA-F]*|[0-9]+)");

    private EgressGuard() {}

    /**
     * Null when the host's spelling is acceptable, else why not: integer, octal and hex IPv4 spellings
     * ({@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1}, {@code 127.1}) are refused outright (resolvers
     * disagree on what they mean), IPv6 zone ids are refused, and IP literals must be public.
     */
    public static String hostProblem(String host) {
        if (host == null || host.isEmpty()) {
            return "has no host";
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            String literal = h.substring(1, h.length() - 1);
            if (literal.contains("%")) {
                return "must not use an IPv6 zone id";
            }
            try {
                return forbidden(InetAddress.getByName(literal)) ? "points to a non-public address" : null;
            } catch (UnknownHostException e) {
                return "has an invalid IPv6 address";
            }
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (DOTTED_QUAD.matcher(h).matches()) {
            try {
                return forbidden(InetAddress.getByName(h)) ? "points to a non-public address" : null;
            } catch (UnknownHostException e) {
                return "has an invalid IPv4 address";
            }
        }
        if (looksNumeric(h)) {
            return "spells an IPv4 address in an integer, octal or hex form";
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return "points to a non-public address";
        }
        return null;
    }

    private static boolean looksNumeric(String h) {
        if (!NUMERIC_ISH.matcher(h).matches()) {
            return false;
        }
        for (String part : h.split("\\.", -1)) {
            if (!NUMBER_PART.matcher(part).matches()) {
                return false; // e.g. "cafe.be": letters that are not a 0x number make it a name
            }
        }
        return true;
    }

    /** True for every address that is not public unicast (see the decision record for the list). */
    public static boolean forbidden(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return forbiddenV4(v4.getAddress());
        }
        if (address instanceof Inet6Address v6) {
            return forbiddenV6(v6.getAddress());
        }
        return true;
    }

    private static boolean forbiddenV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        return a0 == 0 // "this network", incl. 0.0.0.0 (unspecified)
                || a0 == 10 // private
                || a0 == 127 // loopback
                || (a0 == 100 && (a1 & 0xc0) == 64) // 100.64/10 carrier-grade NAT
                || (a0 == 169 && a1 == 254) // link-local, incl. 169.254.169.254 (cloud metadata)
                || (a0 == 172 && (a1 & 0xf0) == 16) // 172.16/12 private
                || (a0 == 192 && a1 == 168) // 192.168/16 private
                || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) // 192.0.0/24 IETF protocol assignments
                || (a0 == 198 && (a1 & 0xfe) == 18) // 198.18/15 benchmarking
                || a0 >= 224; // 224/4 multicast, 240/4 reserved, 255.255.255.255 broadcast
    }

    private static boolean forbiddenV6(byte[] b) {
        boolean first12Zero = true;
        for (int i = 0; i < 12; i++) {
            first12Zero &= b[i] == 0;
        }
        if (first12Zero) {
            // :: (unspecified), ::1 (loopback) and IPv4-compatible ::a.b.c.d: judge the embedded IPv4 address
            return forbiddenV4(new byte[] {b[12], b[13], b[14], b[15]}) || isZeroOrOne(b);
        }
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[i] == 0;
        }
        if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return forbiddenV4(new byte[] {b[12], b[13], b[14], b[15]}); // ::ffff:a.b.c.d
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if ((b0 & 0xfe) == 0xfc) return true; // fc00::/7 unique local
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) return true; // fe80::/10 link-local
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) return true; // fec0::/10 site-local (deprecated)
        if (b0 == 0xff) return true; // multicast
        if (b0 == 0x20 && b1 == 0x01 && b[2] == 0 && b[3] == 0) return true; // 2001::/32 Teredo (hides an IPv4)
        if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) return true; // docs
        if (b0 == 0x20 && b1 == 0x02) {
            return forbiddenV4(new byte[] {b[2], b[3], b[4], b[5]}); // 2002::/16 6to4 embeds an IPv4
        }
        if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return forbiddenV4(new byte[] {b[12], b[13], b[14], b[15]}); // 64:ff9b::/96 NAT64
        }
        return false;
    }

    private static boolean isZeroOrOne(byte[] b) {
        for (int i = 0; i < 15; i++) {
            if (b[i] != 0) return false;
        }
        return b[15] == 0 || b[15] == 1;
    }
}
