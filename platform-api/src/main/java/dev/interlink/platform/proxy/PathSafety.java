package dev.interlink.platform.proxy;

import dev.interlink.platform.common.ApiProblem;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * The proxy's egress rule: a path may only name a resource under the account's base URL. Checked on the raw (still
 * encoded) path, before any request: absolute URLs, {@code //host}, dot segments, percent-encoding of any kind
 * (which hides {@code %2e%2e}, {@code %2f}, double encoding), backslashes, {@code @}, control characters, empty
 * segments, segments that start with {@code .} and segments with a {@code ;} ({@code ..;/} tricks) are all refused; then the resolved URL must still be under the base URL.
 *
 * @see "docs/decisions/0022-proxy-egress.md"
 */
final class PathSafety {
    /** One path segment: unreserved characters and a few harmless sub-delims; no '%', '@', '\', ':'. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~,;=+-]{1,200}");

    static final int MAX_LENGTH = 2048;

    private PathSafety() {}

    /** The safe target URL, or a 400 problem. {@code rawPath} is what follows {@code /proxy/}, still encoded. */
    static URI target(String baseUrl, String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            throw refuse("is empty");
        }
        if (rawPath.length() > MAX_LENGTH) {
            throw refuse("is too long");
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.isEmpty()) throw refuse("has an empty segment (// or a trailing /)");
            if (segment.equals(".") || segment.equals("..")) throw refuse("has a dot segment");
            // ".%2e", "..;", ".git", ".env": front ends (Tomcat, some proxies) read these as dot segments or
            // matrix parameters and route them elsewhere than the provider's API expects
            if (segment.startsWith(".")) throw refuse("has a segment that starts with '.'");
            if (segment.indexOf(';') >= 0) throw refuse("has a ';' in a segment (path parameters are not allowed)");
            if (!SEGMENT.matcher(segment).matches()) {
                throw refuse(
                        "has a character that is not allowed in a proxied path (percent-encoding, @, \\, :, controls)");
            }
        }
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        URI baseUri = URI.create(base + "/");
        URI target = URI.create(base + "/" + rawPath).normalize();
        if (!sameOrigin(baseUri, target) || !target.getRawPath().startsWith(baseUri.getRawPath())) {
            throw refuse("leaves the provider's base URL");
        }
        return target;
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && a.getPort() == b.getPort()
                && b.getRawUserInfo() == null;
    }

    static ApiProblem refuse(String why) {
        return ApiProblem.invalid("/path", "The proxied path " + why);
    }
}
