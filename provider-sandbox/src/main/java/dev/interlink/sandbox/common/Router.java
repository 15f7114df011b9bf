package dev.interlink.sandbox.common;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny path-template router ("/candidates/{id}/emails"). Routes are tried in registration order, so literal
 * paths such as /candidates/search must be registered before /candidates/{id}.
 */
public final class Router {
    public interface Handler {
        Resp handle(Req req) throws Exception;
    }

    public record Route(String method, String template, String[] segments, Handler handler) {}

    public record Match(Route route, Map<String, String> params) {}

    private final List<Route> routes = new ArrayList<>();

    public Router add(String method, String template, Handler handler) {
        routes.add(new Route(method, template, split(template), handler));
        return this;
    }

    public Router get(String t, Handler h) {
        return add("GET", t, h);
    }

    public Router post(String t, Handler h) {
        return add("POST", t, h);
    }

    public Router put(String t, Handler h) {
        return add("PUT", t, h);
    }

    public Router delete(String t, Handler h) {
        return add("DELETE", t, h);
    }

    /** @return the match, or null; sets {@code methodMismatch[0]} when only the method differed. */
    public Match match(String method, String path, boolean[] pathMatched) {
        String[] segs = split(path);
        for (Route r : routes) {
            Map<String, String> params = matchSegments(r.segments, segs);
            if (params == null) continue;
            if (!r.method.equals(method) && !(r.method.equals("PUT") && method.equals("PATCH"))) {
                if (pathMatched != null) pathMatched[0] = true;
                continue;
            }
            return new Match(r, params);
        }
        return null;
    }

    private static Map<String, String> matchSegments(String[] tpl, String[] segs) {
        if (tpl.length != segs.length) return null;
        Map<String, String> params = null;
        for (int i = 0; i < tpl.length; i++) {
            String t = tpl[i];
            if (t.startsWith("{")) {
                if (segs[i].isEmpty()) return null;
                if (params == null) params = new HashMap<>(4);
                params.put(t.substring(1, t.length() - 1), segs[i]);
            } else if (!t.equals(segs[i])) {
                return null;
            }
        }
        return params == null ? Map.of() : params;
    }

    static String[] split(String path) {
        String p = path;
        while (p.startsWith("/")) p = p.substring(1);
        while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p.isEmpty() ? new String[0] : p.split("/");
    }
}
