package dev.interlink.platform.log;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.account.Page;
import dev.interlink.platform.account.PageCursor;
import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.auth.RequiresScope;
import dev.interlink.platform.auth.Scopes;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The tenant's request log, newest first. */
@Controller("/logs")
@Tag(name = "Request log")
public class LogController {
    private final RequestLogRepository logs;

    public LogController(RequestLogRepository logs) {
        this.logs = logs;
    }

    @Operation(summary = "Request log (filters: account_id, status 404 or 4xx, route, from/to; cursor pagination)")
    @Get
    @RequiresScope(Scopes.LOGS_READ)
    public Page<RequestLogEntry> list(
            Principal principal,
            @QueryValue("account_id") @Nullable String accountId,
            @QueryValue @Nullable String status,
            @QueryValue @Nullable String route,
            @QueryValue @Nullable String from,
            @QueryValue @Nullable String to,
            @QueryValue("next_cursor") @Nullable String nextCursor,
            @QueryValue @Nullable String cursor,
            @QueryValue @Nullable Integer limit) {
        List<FieldError> errors = new ArrayList<>();
        UUID account = null;
        if (accountId != null) {
            try {
                account = UUID.fromString(accountId);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("/account_id", "is not an account id"));
            }
        }
        Integer exact = null;
        Integer statusClass = null;
        if (status != null) {
            if (status.matches("[1-5]xx")) {
                statusClass = status.charAt(0) - '0';
            } else if (status.matches("[1-5]\\d\\d")) {
                exact = Integer.parseInt(status);
            } else {
                errors.add(new FieldError("/status", "must be a status (404) or a class (4xx)"));
            }
        }
        Instant fromTime = time(from, "/from", errors);
        Instant toTime = time(to, "/to", errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        int n = PageCursor.limit(limit, 50, 500);
        String given = PageCursor.param(nextCursor, cursor);
        PageCursor after = given == null ? null : PageCursor.decode(given);
        if (after != null && !after.id().matches("\\d{1,19}")) {
            throw ApiProblem.of(ErrorCode.PLATFORM_CURSOR_INVALID, "The cursor is not one this API returned");
        }
        List<RequestLogEntry> rows = logs.list(
                principal.tenantId(),
                new RequestLogRepository.Filter(account, exact, statusClass, route, fromTime, toTime),
                after,
                n);
        String next = null;
        if (rows.size() > n) {
            rows = rows.subList(0, n);
            RequestLogEntry last = rows.get(n - 1);
            next = new PageCursor(last.createdAt(), String.valueOf(last.id())).encode();
        }
        return Page.of(List.copyOf(rows), next);
    }

    @Operation(summary = "One request log entry")
    @Get("/{id}")
    @RequiresScope(Scopes.LOGS_READ)
    public RequestLogEntry get(Principal principal, @PathVariable String id) {
        ApiProblem notFound = ApiProblem.of(ErrorCode.PLATFORM_NOT_FOUND, "No log entry with this id");
        if (!id.matches("\\d{1,19}")) {
            throw notFound;
        }
        return logs.find(principal.tenantId(), Long.parseLong(id)).orElseThrow(() -> notFound);
    }

    private static Instant time(@Nullable String value, String pointer, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(pointer, "must be an RFC 3339 time, e.g. 2026-01-31T12:00:00Z"));
            return null;
        }
    }
}
