package dev.interlink.platform.changes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.model.ats.UnifiedRecord;
import dev.interlink.platform.ats.CallAccount;
import dev.interlink.platform.ats.Connectors;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.AtsConnector;
import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.ListRequest;
import dev.interlink.platform.provider.Page;
import dev.interlink.platform.provider.ResourceOps;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of one account: every watched resource listed to the end through the connector's own list operation and
 * paging, each record run through the {@link ChangeEngine}. The first complete poll is the baseline (stored, no
 * events). A poll that reaches the account's reserved budget stops and leaves the rest to the next tick; what it
 * already stored stays (every record commits on its own), so a stopped or killed poll loses nothing and a repeated
 * one emits nothing twice.
 */
@Singleton
public class AccountPoller {
    private static final Logger LOG = LoggerFactory.getLogger(AccountPoller.class);

    /** Applications first: their stage changes are what tenants wait for, so they get the budget first. */
    static final List<AtsResource> WATCHED =
            List.of(AtsResource.APPLICATIONS, AtsResource.CANDIDATES, AtsResource.JOBS, AtsResource.ATTACHMENTS);

    private final CallAccount accounts;
    private final Connectors connectors;
    private final ChangeEngine engine;
    private final ChangeStore store;
    private final BudgetShare budgets;
    private final ObjectMapper withoutRaw;
    private final Clock clock;

    @JsonIgnoreProperties("remote_data")
    private abstract static class WithoutRemoteData {}

    AccountPoller(
            CallAccount accounts,
            Connectors connectors,
            ChangeEngine engine,
            ChangeStore store,
            BudgetShare budgets,
            ObjectMapper json,
            Clock clock) {
        this.accounts = accounts;
        this.connectors = connectors;
        this.engine = engine;
        this.store = store;
        this.budgets = budgets;
        // the raw provider record is never compared: do not serialize it only to drop it
        this.withoutRaw = json.copy().addMixIn(Object.class, WithoutRemoteData.class);
        this.clock = clock;
    }

    /** Polls the account once; null when it cannot be polled now (deleted, disabled, needs re-authorization). */
    public PollRun poll(UUID tenantId, UUID accountId) {
        Instant started = now();
        ConnectorContext ctx;
        try {
            ctx = accounts.resolve(tenantId, accountId.toString());
        } catch (ApiProblem p) {
            LOG.debug("Account {} not polled: {}", accountId, p.code().code());
            return null;
        }
        AtsConnector connector = connectors.connector(ctx.provider());
        boolean baseline = !store.baselineTaken(tenantId, accountId, ctx.provider());
        BudgetShare.Budget budget = budgets.open(ctx);
        int events = 0;
        boolean deferred = false;
        String outcome = "complete";
        try {
            resources:
            for (AtsResource resource : WATCHED) {
                ResourceOps<?> ops = connector.resource(resource).orElse(null);
                // attachments need a candidate on CATS and Loxo: found through candidate records instead (engine)
                if (ops == null || ops.list() == null || !ops.requiredFilters().isEmpty()) continue;
                String position = null;
                do {
                    if (!budget.allowsNextStep()) {
                        deferred = true;
                        outcome = "deferred";
                        break resources;
                    }
                    Page<? extends UnifiedRecord> page =
                            ops.list().list(ctx, new ListRequest(position, ops.maxPageSize(), Map.of()));
                    for (UnifiedRecord r : page.items()) {
                        events += engine.observe(new ChangeEngine.Observation(
                                tenantId,
                                accountId,
                                ctx.provider(),
                                resource,
                                tree(r),
                                Source.POLL,
                                baseline,
                                false,
                                null));
                    }
                    position = page.nextPosition();
                } while (position != null);
            }
        } catch (ApiProblem p) {
            // a provider error (or our own rate limiter's 429) ends this poll; the next tick starts again
            outcome = p.code().code();
            LOG.info("Poll of account {} stopped: {}", accountId, p.code().code());
        }
        boolean complete = "complete".equals(outcome);
        Instant finished = now();
        store.finishPoll(accountId, baseline && complete, finished);
        PollRun run = new PollRun(
                tenantId,
                accountId,
                started,
                finished,
                budget.calls(),
                budget.limit,
                budget.remainingAtStart,
                budget.reserved,
                deferred,
                events,
                baseline,
                outcome);
        store.recordRun(run);
        return run;
    }

    JsonNode tree(UnifiedRecord r) {
        return withoutRaw.valueToTree(r);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
