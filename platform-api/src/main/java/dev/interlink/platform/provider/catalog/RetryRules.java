package dev.interlink.platform.provider.catalog;

import java.time.Duration;
import java.util.Set;

/**
 * When the provider HTTP layer retries: on these statuses (and connection failures for idempotent calls),
 * at most {@code maxAttempts} attempts in all, exponential backoff between {@code initialBackoff} and
 * {@code maxBackoff}, or the provider's Retry-After when {@code honorRetryAfter}.
 */
public record RetryRules(
        Set<Integer> onStatus,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        boolean honorRetryAfter) {}
