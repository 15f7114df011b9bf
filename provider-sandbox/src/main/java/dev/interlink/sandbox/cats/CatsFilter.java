package dev.interlink.sandbox.cats;

import dev.interlink.sandbox.common.ApiException;
import dev.interlink.sandbox.common.EntityStore;
import dev.interlink.sandbox.common.Json;
import dev.interlink.sandbox.common.Req;
import dev.interlink.sandbox.common.Resp;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * POST …/search filter grammar (docs/providers/cats.md §4.11): {field, filter, value} leaves combined with and/or/not
 * (any case). {@code contains} tokenizes and matches ANY token [LIVE]. Page/per_page stay in the query string.
 */
final class CatsFilter {
    private CatsFilter() {}

    static Resp search(Req req, String collection, EntityStore store) {
        Predicate<Map<String, Object>> p = compile(Json.any(req.body));
        return CatsHal.list(req, collection, store.filter(null, p));
    }

    @SuppressWarnings("unchecked")
    static Predicate<Map<String, Object>> compile(Object node) {
        if (!(node instanceof Map<?, ?> raw)) throw new ApiException(400, "Invalid filter.");
        Map<String, Object> m = (Map<String, Object>) raw;
        for (Map.Entry<String, Object> e : m.entrySet()) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            if (k.equals("and") || k.equals("or")) {
                if (!(e.getValue() instanceof List<?> l)) throw new ApiException(400, "Invalid filter.");
                List<Predicate<Map<String, Object>>> parts =
                        l.stream().map(CatsFilter::compile).toList();
                return k.equals("and")
                        ? r -> parts.stream().allMatch(p -> p.test(r))
                        : r -> parts.stream().anyMatch(p -> p.test(r));
            }
            if (k.equals("not")) return compile(e.getValue()).negate();
        }
        Object field = m.get("field");
        Object filter = m.get("filter");
        if (field == null || filter == null) throw new ApiException(400, "Invalid filter.");
        Object value = m.get("value");
        String f = filter.toString();
        String path = field.toString();
        return r -> leaf(resolve(r, path), f, value);
    }

    @SuppressWarnings("unchecked")
    static Object resolve(Map<String, Object> r, String path) {
        Object cur = r;
        for (String seg : path.split("\\.")) {
            if (!(cur instanceof Map<?, ?> mm)) return null;
            cur = ((Map<String, Object>) mm).get(seg);
        }
        if (cur == null && path.equals("email") && r.get("emails") instanceof Map<?, ?> em) return em.get("primary");
        return cur;
    }

    @SuppressWarnings("unchecked")
    static boolean leaf(Object actual, String filter, Object value) {
        switch (filter) {
            case "exactly":
                if (actual instanceof Number a && value instanceof Number v) return a.doubleValue() == v.doubleValue();
                return actual != null && value != null && actual.toString().equalsIgnoreCase(value.toString());
            case "contains": {
                if (actual == null || value == null) return false;
                String hay = actual.toString().toLowerCase(Locale.ROOT);
                for (String t : value.toString().toLowerCase(Locale.ROOT).split("\\s+"))
                    if (!t.isEmpty() && hay.contains(t)) return true;
                return false;
            }
            case "is_empty":
                return actual == null || actual.toString().isEmpty();
            case "greater_than":
                return compare(actual, value) > 0;
            case "less_than":
                return compare(actual, value) < 0;
            case "between": {
                if (!(value instanceof Map<?, ?> b)) return false;
                Map<String, Object> bb = (Map<String, Object>) b;
                return (bb.get("gte") == null || compare(actual, bb.get("gte")) >= 0)
                        && (bb.get("lte") == null || compare(actual, bb.get("lte")) <= 0);
            }
            default:
                throw new ApiException(400, "Unknown filter " + filter + ".");
        }
    }

    static int compare(Object a, Object b) {
        if (a == null || b == null) return Integer.MIN_VALUE + 1;
        if (a instanceof Number x && b instanceof Number y) return Double.compare(x.doubleValue(), y.doubleValue());
        return a.toString().compareTo(b.toString());
    }
}
