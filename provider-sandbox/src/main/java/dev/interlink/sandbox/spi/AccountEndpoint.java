package dev.interlink.sandbox.spi;

/** How a client reaches one account: its API key, its agency slug (null if the provider has none), its base path. */
public record AccountEndpoint(String apiKey, String agencySlug, String basePath) {}
