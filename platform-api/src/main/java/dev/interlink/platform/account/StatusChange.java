package dev.interlink.platform.account;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** One row of an account's status history. */
public record StatusChange(AccountStatus status, @Nullable String reason, Instant changedAt) {}
