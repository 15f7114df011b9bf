package dev.interlink.sandbox.common;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A minimal multipart/form-data parser (fields and file parts, in order). */
public final class Multipart {
    private Multipart() {}

    /** One part: {@code filename} is null for a plain field ({@link #text()} then holds its value). */
    public record Part(String name, String filename, String contentType, byte[] bytes) {
        public boolean isFile() {
            return filename != null;
        }

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    public static List<Part> parse(String contentType, byte[] body) {
        String boundary = null;
        for (String p : contentType.split(";")) {
            String t = p.trim();
            if (t.toLowerCase().startsWith("boundary="))
                boundary = t.substring(9).replace("\"", "");
        }
        if (boundary == null) throw new ApiException(400, "multipart boundary missing");
        byte[] delim = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] headerSep = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        List<Part> out = new ArrayList<>();
        int pos = indexOf(body, delim, 0);
        while (pos >= 0) {
            int start = pos + delim.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') break;
            start += 2; // CRLF
            int next = indexOf(body, delim, start);
            if (next < 0) break;
            int end = next - 2; // CRLF before the delimiter
            int headerEnd = indexOf(body, headerSep, start);
            if (headerEnd < 0 || headerEnd > end) break;
            String headers = new String(body, start, headerEnd - start, StandardCharsets.UTF_8);
            byte[] content = Arrays.copyOfRange(body, headerEnd + 4, Math.max(headerEnd + 4, end));
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
            if (name != null) out.add(new Part(name, filename, partType, content));
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

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
