package dev.interlink.platform.account;

import io.micronaut.core.annotation.Nullable;

/** The tenant's own customer an account belongs to (ids are the tenant's, opaque to us). */
public record EndUser(String id, @Nullable String name, @Nullable String email) {}
