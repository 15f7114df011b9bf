package dev.interlink.link.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One credential input described by the provider catalog (e.g. CATS {@code api_key}). */
public record CatalogField(
        String name,
        String label,
        String helpText,
        boolean secret,
        boolean required,
        String pattern,
        @JsonProperty("default") String defaultValue) {

    public String displayLabel() {
        return label == null || label.isBlank() ? name : label;
    }
}
