package dev.interlink.sandbox.lever;

import dev.interlink.sandbox.common.ApiException;
import dev.interlink.sandbox.common.Json;
import dev.interlink.sandbox.common.Req;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Lever lists: {@code {data, hasNext, next}} with {@code limit} 1..100 (default 100) and an opaque {@code offset}
 * taken from {@code next}. Like the real tokens, {@code next} is a percent-encoded JSON array
 * {@code [filterHash, createdAt, "id"]}; a token is bound to the filters it was issued for ("Invalid offset token:
 * Offset token is invalid for sort" otherwise) and is accepted single- or double-encoded.
 */
final class LeverPaging {
    /** Query parameters that do not change the result set. */
    private static final Set<String> NOT_FILTERS = Set.of("offset", "limit", "expand", "include", "perform_as");

    private LeverPaging() {}

    /** Where a page starts: after the record with this id (null = from the beginning). */
    record Cursor(String afterId, int limit, long filterHash) {}

    static Cursor cursor(Req req, LeverAccount acc) {
        int limit = limit(req, acc);
        long fh = filterHash(req);
        String raw = req.q("offset");
        if (raw == null || raw.isEmpty()) return new Cursor(null, limit, fh);
        List<Object> t = decode(raw);
        if (t == null || t.size() != 3 || !(t.get(0) instanceof Number n) || !(t.get(2) instanceof String id))
            throw bad("Invalid offset token: Offset token is malformed");
        if (n.longValue() != fh) throw bad("Invalid offset token: Offset token is invalid for sort");
        return new Cursor(id, limit, fh);
    }

    static int limit(Req req, LeverAccount acc) {
        String v = req.q("limit");
        if (v == null || v.isBlank()) return 100;
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw bad("limit must be a number between 1 and 100");
        }
        if (n < 1) throw bad("limit must be a number between 1 and 100");
        if (n > 100) {
            if ("400".equals(String.valueOf(acc.quirk("limit_over_100"))))
                throw bad("limit must be a number between 1 and 100");
            n = 100;
        }
        return n;
    }

    /** Decodes until it parses (clients sometimes encode the token once more). */
    @SuppressWarnings("unchecked")
    static List<Object> decode(String raw) {
        String s = raw;
        for (int i = 0; i < 4; i++) {
            if (s.startsWith("[")) {
                try {
                    Object v = Json.MAPPER.readValue(s, Object.class);
                    return v instanceof List<?> l ? (List<Object>) l : null;
                } catch (Exception e) {
                    return null;
                }
            }
            if (!s.contains("%")) return null;
            try {
                s = URLDecoder.decode(s, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    static String encode(long filterHash, Map<String, Object> last) {
        List<Object> t = List.of(filterHash, last.getOrDefault("createdAt", 0), last.get("id"));
        return URLEncoder.encode(Json.string(t), StandardCharsets.UTF_8);
    }

    static long filterHash(Req req) {
        TreeMap<String, List<String>> f = new TreeMap<>();
        req.query.forEach((k, v) -> {
            if (!NOT_FILTERS.contains(k)) f.put(k, v);
        });
        return Math.floorMod(f.toString().hashCode(), 9000) + 1;
    }

    /** A page of an in-memory, ordered list. */
    static Map<String, Object> page(
            Req req, LeverAccount acc, List<Map<String, Object>> all, Function<Map<String, Object>, Object> present) {
        Cursor c = cursor(req, acc);
        int start = 0;
        if (c.afterId() != null) {
            start = -1;
            for (int i = 0; i < all.size(); i++)
                if (c.afterId().equals(all.get(i).get("id"))) {
                    start = i + 1;
                    break;
                }
            if (start < 0) throw bad("Invalid offset token: Offset token is invalid");
        }
        int end = Math.min(all.size(), start + c.limit());
        List<Map<String, Object>> slice = all.subList(start, end);
        return envelope(slice, end < all.size(), c.filterHash(), present);
    }

    /** A page scanned from a generator of records after an id; {@code pred} filters. */
    static Map<String, Object> scan(
            Req req,
            LeverAccount acc,
            Function<String, List<Map<String, Object>>> after,
            Predicate<Map<String, Object>> pred,
            Function<Map<String, Object>, Object> present) {
        Cursor c = cursor(req, acc);
        List<Map<String, Object>> out = new ArrayList<>(Math.min(c.limit() + 1, 101));
        String from = c.afterId();
        while (out.size() <= c.limit()) {
            List<Map<String, Object>> chunk = after.apply(from);
            if (chunk.isEmpty()) break;
            for (Map<String, Object> m : chunk) {
                from = (String) m.get("id");
                if (pred.test(m)) out.add(m);
                if (out.size() > c.limit()) break;
            }
        }
        boolean more = out.size() > c.limit();
        return envelope(more ? out.subList(0, c.limit()) : out, more, c.filterHash(), present);
    }

    private static Map<String, Object> envelope(
            List<Map<String, Object>> items, boolean hasNext, long fh, Function<Map<String, Object>, Object> present) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> data = new ArrayList<>(items.size());
        for (Map<String, Object> i : items) data.add(present.apply(i));
        m.put("data", data);
        m.put("hasNext", hasNext);
        if (hasNext && !items.isEmpty()) m.put("next", encode(fh, items.get(items.size() - 1)));
        return m;
    }

    static ApiException bad(String message) {
        return new ApiException(400, message);
    }
}
