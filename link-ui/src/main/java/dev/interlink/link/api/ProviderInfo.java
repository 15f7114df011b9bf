package dev.interlink.link.api;

import java.util.List;

/** A provider the link token allows, with the catalog fields its credential form is made of. */
public record ProviderInfo(
        String id, String displayName, String category, String logoUrl, String authMode, List<CatalogField> fields) {
    /** The catalog's auth mode of providers linked through their OAuth consent page instead of a form. */
    public static final String OAUTH2 = "OAUTH2";

    public ProviderInfo {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public String name() {
        return displayName == null || displayName.isBlank() ? id : displayName;
    }
}
