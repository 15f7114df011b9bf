package dev.interlink.platform.changes;

import java.time.Instant;
import java.util.UUID;

/**
 * What one poll of one account did: provider calls made (every attempt, as {@code ConnectorContext} counts them),
 * the account's budget limit, what was left when it started, the calls it kept in reserve for the tenant, whether
 * it stopped early to respect that reserve, and the events it emitted. Stored in {@code change_poll_run}.
 */
public record PollRun(
        UUID tenantId,
        UUID accountId,
        Instant startedAt,
        Instant finishedAt,
        int calls,
        int budgetLimit,
        Integer remainingAtStart,
        int reserved,
        boolean deferred,
        int events,
        boolean baseline,
        String outcome) {}
