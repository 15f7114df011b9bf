package dev.interlink.platform.account;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * {@code active}: usable. {@code needs_reauth}: the provider rejected the stored credentials; only new
 * credentials (re-authorization) make it active again. {@code disabled}: switched off by the tenant.
 */
public enum AccountStatus {
    ACTIVE,
    NEEDS_REAUTH,
    DISABLED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AccountStatus parse(String value) {
        for (AccountStatus s : values()) {
            if (s.wire().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown status");
    }

    public static AccountStatus parseOrNull(String value) {
        try {
            return value == null ? null : parse(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
