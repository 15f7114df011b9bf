package dev.interlink.sandbox.loxo;

import dev.interlink.sandbox.common.ApiException;
import dev.interlink.sandbox.common.Req;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Per-endpoint pagination and strict query parameters (docs/providers/loxo.md §2). */
final class LoxoPaging {
    private LoxoPaging() {}

    /**
     * Rejects query parameters outside {@code allowed} with 422 {"errors":["Invalid parameters: [:x]"]} (§2 [LIVE]).
     * Array params are named without their brackets (job_ids[] → job_ids).
     */
    static void strict(Req req, Set<String> allowed) {
        Set<String> bad = new TreeSet<>();
        for (String k : req.query.keySet()) {
            int b = k.indexOf('[');
            String base = b < 0 ? k : k.substring(0, b);
            if (!allowed.contains(base)) bad.add(":" + base);
        }
        if (!bad.isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("errors", List.of("Invalid parameters: [" + String.join(", ", bad) + "]"));
            throw new ApiException(422, "Invalid parameters", body);
        }
    }

    static int perPage(Req req) {
        int p = req.qInt("per_page", 25);
        if (p <= 0) p = 25;
        return Math.min(100, p); // real max undocumented; clients use 100 as max (§2 [INF])
    }

    /** scroll_id = uppercase hex of an ASCII JSON array of sort values; the last value is the record id. */
    static String encode(Object... sortValues) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < sortValues.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(sortValues[i]);
        }
        sb.append(']');
        return HexFormat.of().withUpperCase().formatHex(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** The id after which the next page starts (0 = from the beginning); 400 on garbage. */
    static long afterId(Req req) {
        String s = req.q("scroll_id");
        if (s == null || s.isBlank()) return 0;
        try {
            String json = new String(HexFormat.of().parseHex(s.trim().toLowerCase()), StandardCharsets.US_ASCII);
            String inner = json.substring(json.indexOf('[') + 1, json.lastIndexOf(']'));
            String[] parts = inner.split(",");
            return Long.parseLong(parts[parts.length - 1].trim());
        } catch (RuntimeException e) {
            throw new ApiException(400, "Bad Request");
        }
    }

    /**
     * Scroll envelope: non-null scroll_id on every non-empty page; an empty array with scroll_id null once the data
     * is exhausted (§2 [INF]).
     */
    static Map<String, Object> scroll(
            String key, List<Map<String, Object>> items, int total, String tsField, boolean withScore) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (items.isEmpty()) m.put("scroll_id", null);
        else {
            Map<String, Object> last = items.get(items.size() - 1);
            long ts = parseMillis(last.get(tsField));
            m.put("scroll_id", withScore ? encode(ts, "0.0", last.get("id")) : encode(ts, last.get("id")));
        }
        m.put("total_count", total);
        if (key.equals("companies")) m.put("facets", Map.of("global_status_aggs", List.of()));
        m.put(key, items);
        return m;
    }

    static long parseMillis(Object iso) {
        try {
            return java.time.Instant.parse(String.valueOf(iso)).toEpochMilli();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Slices a filtered, id-ordered list after the cursor id. */
    static List<Map<String, Object>> after(List<Map<String, Object>> all, long afterId, int limit) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : all) {
            if (((Number) r.get("id")).longValue() <= afterId) continue;
            out.add(r);
            if (out.size() >= limit) break;
        }
        return out;
    }
}
