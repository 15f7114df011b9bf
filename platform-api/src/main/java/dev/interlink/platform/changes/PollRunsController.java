package dev.interlink.platform.changes;

import dev.interlink.platform.account.AccountService;
import dev.interlink.platform.auth.Principal;
import dev.interlink.platform.auth.RequiresScope;
import dev.interlink.platform.auth.Scopes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /integrated-accounts/{id}/change-polls}: what the change poller spent on the account, per poll (the
 * last 50, newest first): provider calls, the budget limit (calls per window, or a token bucket's burst), what was
 * left at the start, the reserve it kept for the tenant, whether it stopped early, events found. Another tenant's
 * account answers 404 like a missing one.
 */
@Controller("/integrated-accounts")
public class PollRunsController {
    static final int LAST = 50;

    private final AccountService accounts;
    private final ChangeStore store;

    PollRunsController(AccountService accounts, ChangeStore store) {
        this.accounts = accounts;
        this.store = store;
    }

    @Get("/{id}/change-polls")
    @RequiresScope(Scopes.ACCOUNTS_READ)
    public Map<String, Object> polls(Principal principal, @PathVariable String id) {
        UUID account = accounts.get(principal.tenantId(), id).id();
        List<Map<String, Object>> result = store.runs(principal.tenantId(), account, LAST).stream()
                .map(PollRunsController::row)
                .toList();
        return Map.of("result", result, "result_count", result.size());
    }

    static Map<String, Object> row(PollRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("started_at", r.startedAt().toString());
        m.put("finished_at", r.finishedAt().toString());
        m.put("calls", r.calls());
        m.put("budget_limit", r.budgetLimit());
        m.put("remaining_at_start", r.remainingAtStart());
        m.put("reserved", r.reserved());
        m.put("deferred", r.deferred());
        m.put("events", r.events());
        m.put("baseline", r.baseline());
        m.put("outcome", r.outcome());
        return m;
    }
}
