package dev.interlink.platform.imports.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** How a JSON value reads as plain text, shared by both writers. */
final class JsonText {
    private JsonText() {}

    static boolean isMissing(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }

    /**
     * A number's text without exponent: Jackson prints large doubles and some BigDecimals as {@code 1.0E20}, which a
     * spreadsheet user reads as a different kind of value.
     */
    static String number(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.asText();
        }
        if (value.isBigDecimal()) {
            return value.decimalValue().toPlainString();
        }
        double d = value.doubleValue();
        if (!Double.isFinite(d)) {
            return value.asText();
        }
        return BigDecimal.valueOf(d).toPlainString();
    }

    /** Text, number, boolean or compact JSON; {@code null} for a missing value. */
    static String of(JsonNode value) {
        if (isMissing(value)) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber()) {
            return number(value);
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "true" : "false";
        }
        // arrays, objects, binary: compact JSON (JsonNode.toString writes it through Jackson)
        return value.toString();
    }
}
