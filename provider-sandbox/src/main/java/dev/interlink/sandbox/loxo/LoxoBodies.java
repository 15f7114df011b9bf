package dev.interlink.sandbox.loxo;

import dev.interlink.sandbox.common.ApiException;
import dev.interlink.sandbox.common.Json;
import dev.interlink.sandbox.common.Req;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loxo write bodies arrive as multipart (what the spec declares), urlencoded, or wrapped JSON; all three are
 * flattened to the same nested map, parsing Rails bracket keys like person[emails][][value] (docs/providers/loxo.md §4, §8.2).
 */
final class LoxoBodies {
    private LoxoBodies() {}

    /** An uploaded file part. */
    record FilePart(String filename, String contentType, byte[] bytes) {}

    static Map<String, Object> parse(Req req) {
        String ct = req.contentType;
        if (req.body.length == 0) return new LinkedHashMap<>();
        if (ct.equals("application/json") || ct.endsWith("+json")) return Json.object(req.body);
        Map<String, Object> root = new LinkedHashMap<>();
        if (ct.startsWith("multipart/form-data")) {
            for (Object[] kv : multipart(req.rawContentType, req.body)) assign(root, (String) kv[0], kv[1]);
            return root;
        }
        // urlencoded (and anything unlabelled that looks like it)
        Req.parseQuery(new String(req.body, StandardCharsets.UTF_8)).forEach((k, vs) -> {
            for (String v : vs) assign(root, k, v);
        });
        return root;
    }

    /** Rack-style normalize_params: a[b][]=1, a[b][][c]=2, a[b][][d]=3 → {a:{b:[1,{c:2,d:3}]}}. */
    @SuppressWarnings("unchecked")
    static void assign(Map<String, Object> root, String key, Object value) {
        List<String> segs = segments(key);
        Object container = root;
        for (int i = 0; i < segs.size(); i++) {
            String s = segs.get(i);
            boolean last = i == segs.size() - 1;
            String next = last ? null : segs.get(i + 1);
            if (container instanceof Map<?, ?> mm) {
                Map<String, Object> m = (Map<String, Object>) mm;
                if (last) {
                    m.put(s, value);
                    return;
                }
                Object child = m.get(s);
                if (next.isEmpty() ? !(child instanceof List) : !(child instanceof Map)) {
                    child = next.isEmpty() ? new ArrayList<>() : new LinkedHashMap<>();
                    m.put(s, child);
                }
                container = child;
            } else {
                List<Object> l = (List<Object>) container;
                if (last) {
                    l.add(value);
                    return;
                }
                Object lastEl = l.isEmpty() ? null : l.get(l.size() - 1);
                boolean reuse = lastEl instanceof Map<?, ?> lm && !(i + 1 == segs.size() - 1 && lm.containsKey(next));
                Map<String, Object> target;
                if (reuse) target = (Map<String, Object>) lastEl;
                else {
                    target = new LinkedHashMap<>();
                    l.add(target);
                }
                container = target;
            }
        }
    }

    static List<String> segments(String key) {
        List<String> out = new ArrayList<>();
        int b = key.indexOf('[');
        if (b < 0) {
            out.add(key);
            return out;
        }
        out.add(key.substring(0, b));
        int i = b;
        while (i < key.length() && key.charAt(i) == '[') {
            int close = key.indexOf(']', i);
            if (close < 0) break;
            out.add(key.substring(i + 1, close));
            i = close + 1;
        }
        return out;
    }

    /** Minimal multipart/form-data parser: [name, String|FilePart] pairs in order. */
    static List<Object[]> multipart(String contentType, byte[] body) {
        String boundary = null;
        for (String p : contentType.split(";")) {
            String t = p.trim();
            if (t.toLowerCase().startsWith("boundary="))
                boundary = t.substring(9).replace("\"", "");
        }
        if (boundary == null) throw new ApiException(400, "multipart boundary missing");
        byte[] delim = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Object[]> out = new ArrayList<>();
        int pos = indexOf(body, delim, 0);
        while (pos >= 0) {
            int start = pos + delim.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') break;
            start += 2; // CRLF
            int next = indexOf(body, delim, start);
            if (next < 0) break;
            int end = next - 2; // CRLF before delimiter
            int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            if (headerEnd < 0 || headerEnd > end) break;
            String headers = new String(body, start, headerEnd - start, StandardCharsets.UTF_8);
            byte[] content = java.util.Arrays.copyOfRange(body, headerEnd + 4, Math.max(headerEnd + 4, end));
            String name = null;
            String filename = null;
            String partType = "application/octet-stream";
            for (String line : headers.split("\r\n")) {
                String lower = line.toLowerCase();
                if (lower.startsWith("content-disposition:")) {
                    name = param(line, "name");
                    filename = param(line, "filename");
                } else if (lower.startsWith("content-type:")) {
                    partType = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            if (name != null) {
                out.add(new Object[] {
                    name,
                    filename != null
                            ? new FilePart(filename, partType, content)
                            : new String(content, StandardCharsets.UTF_8)
                });
            }
            pos = next;
        }
        return out;
    }

    private static String param(String header, String name) {
        for (String p : header.split(";")) {
            String t = p.trim();
            if (t.startsWith(name + "=")) return t.substring(name.length() + 1).replace("\"", "");
        }
        return null;
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
