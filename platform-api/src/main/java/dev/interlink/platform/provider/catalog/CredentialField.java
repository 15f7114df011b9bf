package dev.interlink.platform.provider.catalog;

import io.micronaut.core.annotation.Nullable;
import java.util.regex.Pattern;

/**
 * One input of a provider's credential form. {@code name} is stable (link UI ids, import API keys).
 * {@code pattern} is a full-match regex; {@code defaultValue} fills an absent optional field.
 */
public record CredentialField(
        String name,
        String label,
        String helpText,
        boolean secret,
        boolean required,
        @Nullable String pattern,
        @Nullable String defaultValue) {

    public boolean matches(String value) {
        return pattern == null || Pattern.compile(pattern).matcher(value).matches();
    }
}
