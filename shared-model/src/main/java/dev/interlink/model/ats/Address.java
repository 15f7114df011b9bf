package dev.interlink.model.ats;

/** Structured where the provider is, with {@code raw} kept. {@code country} is ISO 3166-1 alpha-2 when known. */
public record Address(
        String type,
        String line1,
        String line2,
        String city,
        String region,
        String postalCode,
        String country,
        String raw) {}
