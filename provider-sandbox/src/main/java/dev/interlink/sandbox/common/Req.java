package dev.interlink.sandbox.common;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A fully read request, decoupled from Jetty so provider code stays plain Java. */
public final class Req {
    public final String method;
    public final String path; // relative to the provider base, e.g. /candidates/12
    public final Map<String, List<String>> query;
    public final Function<String, String> header;
    public final byte[] body;
    public final String contentType; // lower-cased media type without parameters, or ""
    public final String rawContentType;
    public final String baseUrl; // absolute provider base as the client sees it
    public Map<String, String> params = Map.of(); // path template variables
    public Object account; // the provider account serving this request

    public Req(
            String method,
            String path,
            String rawQuery,
            Function<String, String> header,
            byte[] body,
            String rawContentType,
            String baseUrl) {
        this.method = method;
        this.path = path;
        this.query = parseQuery(rawQuery);
        this.header = header;
        this.body = body;
        this.rawContentType = rawContentType == null ? "" : rawContentType;
        int semi = this.rawContentType.indexOf(';');
        this.contentType = (semi < 0 ? this.rawContentType : this.rawContentType.substring(0, semi))
                .trim()
                .toLowerCase();
        this.baseUrl = baseUrl;
    }

    private Req(Req o, String path, String baseUrl) {
        this.method = o.method;
        this.path = path;
        this.query = o.query;
        this.header = o.header;
        this.body = o.body;
        this.rawContentType = o.rawContentType;
        this.contentType = o.contentType;
        this.baseUrl = baseUrl;
    }

    /** The same request seen from a deeper base (e.g. a provider that has a path segment per tenant). */
    public Req rebase(String path, String baseUrl) {
        return new Req(this, path == null || path.isEmpty() ? "/" : path, baseUrl);
    }

    public String q(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public int qInt(String name, int dflt) {
        String v = q(name);
        if (v == null || v.isBlank()) return dflt;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    public long pathLong(String name) {
        try {
            return Long.parseLong(params.get(name));
        } catch (NumberFormatException | NullPointerException e) {
            throw new ApiException(404, "Not found.");
        }
    }

    public static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return m;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return m;
    }

    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
