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
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.provider.ResourceOps;
import dev.interlink.platform.provider.changesource.ChangeFeed;
import dev.interlink.platform.provider.changesource.ChangeHint;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of one account, every record it finds run through the {@link ChangeEngine}. Without a change feed every
 * watched resource is listed to the end through the connector's list operation and paging. With one (a
 * {@link ChangeFeed} bean of the provider, see {@link ChangeSources}) the feed names the records to fetch, and a full
 * listing runs only for the baseline and as a safety net every {@code interlink.changes.full-scan-interval} (24 h:
 * a feed may not cover every resource). The first complete listing
 * is the baseline (stored, no events). A poll that reaches the account's reserved budget stops and leaves the rest to
 * the next tick; what it already stored stays (every record commits on its own, the feed position after its records),
 * so a stopped or killed poll loses nothing and a repeated one emits nothing twice.
 */
@Singleton
public class AccountPoller {
    private static final Logger LOG = LoggerFactory.getLogger(AccountPoller.class);

    /** Applications first: their stage changes are what tenants wait for, so they get the budget first. */
    static final List<AtsResource> WATCHED =
            List.of(AtsResource.APPLICATIONS, AtsResource.CANDIDATES, AtsResource.JOBS, AtsResource.ATTACHMENTS);

    private final CallAccount accounts;
    private final Connectors connectors;
    private final ChangeSources sources;
    private final ChangeEngine engine;
    private final ChangeStore store;
    private final BudgetShare budgets;
    private final ObjectMapper withoutRaw;
    private final Clock clock;
    private final Duration fullScanInterval;

    @JsonIgnoreProperties("remote_data")
    private abstract static class WithoutRemoteData {}

    AccountPoller(
            CallAccount accounts,
            Connectors connectors,
            ChangeSources sources,
            ChangeEngine engine,
            ChangeStore store,
            BudgetShare budgets,
            ObjectMapper json,
            Clock clock,
            @Value("${interlink.changes.full-scan-interval:24h}") Duration fullScanInterval) {
        this.accounts = accounts;
        this.connectors = connectors;
        this.sources = sources;
        this.engine = engine;
        this.store = store;
        this.budgets = budgets;
        // the raw provider record is never compared: do not serialize it only to drop it
        this.withoutRaw = json.copy().addMixIn(Object.class, WithoutRemoteData.class);
        this.clock = clock;
        this.fullScanInterval = fullScanInterval;
    }

    /** Polls the account once; null when it cannot be polled now (deleted, disabled, needs re-authorization). */
    public PollRun poll(UUID tenantId, UUID accountId) {
        Instant started = now();
        ConnectorContext ctx;
        try {
            ctx = accounts.resolve(tenantId, accountId.toString());
            ctx.withoutRemoteData(); // changes are found on unified fields only (Fingerprint)
        } catch (ApiProblem p) {
            LOG.debug("Account {} not polled: {}", accountId, p.code().code());
            return null;
        }
        AtsConnector connector = connectors.connector(ctx.provider());
        ChangeStore.AccountState state = store.state(tenantId, accountId, ctx.provider());
        boolean baseline = !state.baselineTaken();
        Run run = new Run(tenantId, accountId, ctx, baseline, budgets.open(ctx));
        boolean listAll = true;
        try {
            ChangeFeed feed = sources.feed(ctx.provider()).orElse(null);
            if (feed != null) {
                boolean fed =
                        state.feedCursor() == null ? startFeed(run, feed) : followFeed(run, feed, state.feedCursor());
                listAll = !fed || baseline || rescanDue(state.fullScanAt(), started);
            }
            if (listAll && !run.deferred) listAll(run, connector);
        } catch (ApiProblem p) {
            // a provider error (or our own rate limiter's 429) ends this poll; the next tick starts again
            run.outcome = p.code().code();
            LOG.info("Poll of account {} stopped: {}", accountId, p.code().code());
        }
        boolean listedAll = listAll && "complete".equals(run.outcome);
        Instant finished = now();
        store.finishPoll(accountId, listedAll, finished);
        PollRun result = new PollRun(
                tenantId,
                accountId,
                started,
                finished,
                run.budget.calls(),
                run.budget.limit,
                run.budget.remainingAtStart,
                run.budget.reserved,
                run.deferred,
                run.events,
                baseline,
                run.outcome);
        store.recordRun(result);
        return result;
    }

    /** One poll in progress. */
    private static final class Run {
        final UUID tenantId;
        final UUID accountId;
        final ConnectorContext ctx;
        final boolean baseline;
        final BudgetShare.Budget budget;
        int events;
        boolean deferred;
        String outcome = "complete";

        Run(UUID tenantId, UUID accountId, ConnectorContext ctx, boolean baseline, BudgetShare.Budget budget) {
            this.tenantId = tenantId;
            this.accountId = accountId;
            this.ctx = ctx;
            this.baseline = baseline;
            this.budget = budget;
        }

        /** Before each provider step: false (and the poll marked deferred) when the reserve would be touched. */
        boolean mayCall() {
            if (deferred) return false;
            if (budget.allowsNextStep()) return true;
            deferred = true;
            outcome = "deferred";
            return false;
        }

        void observe(AtsResource resource, JsonNode record, AccountPoller poller) {
            events += poller.engine.observe(new ChangeEngine.Observation(
                    tenantId, accountId, ctx.provider(), resource, record, Source.POLL, baseline, false, null));
        }
    }

    /** Every watched resource listed to the end through the connector's list operation and paging. */
    private void listAll(Run run, AtsConnector connector) {
        for (AtsResource resource : WATCHED) {
            ResourceOps<?> ops = connector.resource(resource).orElse(null);
            // resources listable only under a parent (attachments: per candidate) are found through the parent (engine)
            if (ops == null || ops.list() == null || !ops.requiredFilters().isEmpty()) continue;
            String position = null;
            do {
                if (!run.mayCall()) return;
                Page<? extends UnifiedRecord> page =
                        ops.list().list(run.ctx, new ListRequest(position, ops.maxPageSize(), Map.of()));
                for (UnifiedRecord r : page.items()) run.observe(resource, tree(r), this);
                position = page.nextPosition();
            } while (position != null);
        }
    }

    /**
     * A new account's feed: read to its newest event and keep that position, before the listing that follows (so a
     * change made while listing is in the feed after it). False when the provider has no usable feed.
     */
    private boolean startFeed(Run run, ChangeFeed feed) {
        String cursor = feed.start();
        while (run.mayCall()) {
            ChangeFeed.Batch batch;
            try {
                batch = feed.after(run.ctx, cursor);
            } catch (ApiProblem p) {
                if (p.code() == dev.interlink.model.error.ErrorCode.REMOTE_RATE_LIMIT_EXCEEDED) throw p;
                LOG.info(
                        "No usable change feed for account {}: {}",
                        run.accountId,
                        p.code().code());
                return false;
            }
            cursor = batch.cursor();
            if (!batch.more()) {
                store.saveCursor(run.accountId, cursor);
                return true;
            }
        }
        return true; // deferred: nothing saved, the next poll starts the feed again
    }

    /** The records the feed names since {@code cursor}, fetched one by one; the position saved after each page. */
    private boolean followFeed(Run run, ChangeFeed feed, String cursor) {
        AtsConnector connector = connectors.connector(run.ctx.provider());
        while (run.mayCall()) {
            ChangeFeed.Batch batch = feed.after(run.ctx, cursor);
            for (ChangeHint t : batch.touched()) {
                if (!run.mayCall()) return true;
                ResourceOps<?> ops = connector.resource(t.resource()).orElse(null);
                if (ops == null || ops.get() == null) continue;
                try {
                    run.observe(t.resource(), tree(ops.get().get(run.ctx, RemoteKey.of(t.remoteId()))), this);
                } catch (ApiProblem p) {
                    if (p.code() != dev.interlink.model.error.ErrorCode.REMOTE_NOT_FOUND) throw p;
                    // deleted since: nothing to compare
                }
            }
            cursor = batch.cursor();
            store.saveCursor(run.accountId, cursor);
            if (!batch.more()) return true;
        }
        return true;
    }

    private boolean rescanDue(Instant lastFullScan, Instant now) {
        return lastFullScan == null || lastFullScan.plus(fullScanInterval).isBefore(now);
    }

    JsonNode tree(UnifiedRecord r) {
        return withoutRaw.valueToTree(r);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
