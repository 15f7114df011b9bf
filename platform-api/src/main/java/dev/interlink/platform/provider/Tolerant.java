package dev.interlink.platform.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Tolerant reading of provider JSON: unknown fields are never looked at, ids arrive as numbers or strings, money as
 * strings or numbers, times with any offset (normalized to UTC), lists bare or wrapped, and a missing or wrong-typed
 * value is null rather than an error.
 */
public final class Tolerant {
    private Tolerant() {}

    /** Text of a scalar (numbers printed without a fraction when integral); null for missing, null, "" or objects. */
    public static String text(JsonNode node, String field) {
        return scalar(node == null ? null : node.get(field));
    }

    public static String scalar(JsonNode v) {
        if (v == null || v.isNull() || v.isContainerNode()) return null;
        if (v.isIntegralNumber()) return v.bigIntegerValue().toString();
        if (v.isNumber()) {
            BigDecimal d = v.decimalValue().stripTrailingZeros();
            return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
        }
        String s = v.asText();
        return s.isBlank() ? null : s.trim();
    }

    /** An id given as 123, "123" or 123.0. */
    public static String id(JsonNode node, String field) {
        return text(node, field);
    }

    public static Integer integer(JsonNode node, String field) {
        BigDecimal d = decimal(node, field);
        try {
            return d == null ? null : d.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    public static Long longValue(JsonNode node, String field) {
        BigDecimal d = decimal(node, field);
        try {
            return d == null ? null : d.longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** Money and counts as numbers or strings ("120000", "120,000", "25.0"); null when not a number. */
    public static BigDecimal decimal(JsonNode node, String field) {
        String s = text(node, field);
        if (s == null) return null;
        try {
            return new BigDecimal(s.replace(",", "").replace("$", "").trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static Boolean bool(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) return null;
        if (v.isBoolean()) return v.booleanValue();
        if (v.isNumber()) return v.intValue() != 0;
        String s = v.asText().trim().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> null;
        };
    }

    /** RFC 3339 with any offset, with or without fractions, or a bare date (midnight UTC); always UTC. */
    public static Instant instant(JsonNode node, String field) {
        String s = text(node, field);
        if (s == null) return null;
        Instant fast = rfc3339(s);
        if (fast != null) return fast;
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The common layout, {@code 2020-01-02T19:48:00[.fraction](Z|+01:00)}, read at fixed positions; null for anything
     * else, which {@link #instant} then hands to {@code java.time}'s parsers. The formatter's general parse was half of
     * mapping a CATS candidate (docs/benchmarks.md, "Session 11"); every string this accepts it reads the same way.
     */
    static Instant rfc3339(String s) {
        int n = s.length();
        if (n < 20
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
        int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
        int i = 19, nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && Character.isDigit(s.charAt(i))) i++;
            if (i == start) return null;
            nanos = digits(s, start, i - start);
            for (int k = i - start; k < 9; k++) nanos *= 10;
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2), om = digits(s, i + 4, 2);
            if (oh < 0 || om < 0 || oh > 18 || om > 59) return null;
            offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return null;
        }
        if ((year | month | day | hour | minute | second | nanos) < 0) return null;
        try {
            return Instant.ofEpochSecond(
                    java.time.LocalDateTime.of(year, month, day, hour, minute, second)
                            .toEpochSecond(ZoneOffset.ofTotalSeconds(offsetSeconds)),
                    nanos);
        } catch (java.time.DateTimeException e) {
            return null; // out of range (month 13, 25 o'clock): the general parser decides
        }
    }

    /** The non-negative number written by {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int k = from; k < from + count; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The elements of an array field; an object or scalar yields an empty list. */
    public static List<JsonNode> array(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return elements(v);
    }

    public static List<JsonNode> elements(JsonNode v) {
        List<JsonNode> out = new ArrayList<>();
        if (v != null && v.isArray()) v.forEach(out::add);
        return out;
    }

    /**
     * The records of a list response in any of the shapes providers use: a bare array (Loxo reference lists), an
     * object with the list under {@code key} (Loxo), or HAL {@code _embedded.key} (CATS). {@code null} → empty.
     */
    public static List<JsonNode> items(JsonNode body, String key) {
        if (body == null || body.isNull()) return List.of();
        if (body.isArray()) return elements(body);
        JsonNode embedded = body.path("_embedded").get(key);
        if (embedded != null) return elements(embedded);
        return elements(body.get(key));
    }

    /** A nested object, or null. */
    public static JsonNode object(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isObject() ? v : null;
    }

    public static String join(String sep, String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p == null || p.isBlank()) continue;
            if (sb.length() > 0) sb.append(sep);
            sb.append(p.trim());
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
