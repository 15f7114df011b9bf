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
