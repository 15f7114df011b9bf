package dev.interlink.link.api;

import java.util.List;

/** A provider the link token allows, with the catalog fields its credential form is made of. */
public record ProviderInfo(
        String id, String displayName, String category, String logoUrl, String authMode, List<CatalogField> fields) {

    public ProviderInfo {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public String name() {
        return displayName == null || displayName.isBlank() ? id : displayName;
    }
}
