package dev.interlink.platform.provider.catalog;

/** The cheap authenticated request that proves a credential set works (CATS {@code GET /site}). */
public record Verification(String method, String path) {}
