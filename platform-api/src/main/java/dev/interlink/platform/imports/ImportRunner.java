package dev.interlink.platform.imports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.interlink.model.ats.UnifiedRecord;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.ats.CallAccount;
import dev.interlink.platform.ats.Connectors;
import dev.interlink.platform.ats.UnifiedService;
import dev.interlink.platform.changes.BudgetShare;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.observability.InterlinkMetrics;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.ListRequest;
import dev.interlink.platform.provider.Page;
import dev.interlink.platform.provider.ResourceOps;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes one import run, page by page, on whichever replica the scheduler gave it to. Each page commits its records
 * with the run's new position ({@link RunRepository#commitPage}), so a run revived after its replica died reads on
 * from the last committed page, and its snapshot equals an uninterrupted one. Before each page the run asks its
 * share of the account's provider budget ({@code interlink.imports.max-budget-share}), drawn from the same
 * cluster-wide bucket as the tenant's own calls: when the share is spent the run returns {@link Outcome#waitUntil}
 * and the scheduler resumes it later, so the provider never answers 429 and the tenant keeps its part. Every
 * {@code interlink.imports.pages-per-turn} pages (50) a run also hands its thread back and is resumed at once. A run
 * is full or incremental ({@link Increments}); both page the same way, an incremental one through the changes.
 */
@Singleton
class ImportRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ImportRunner.class);

    /** Done (the run ended), or to be resumed at {@code at}. */
    record Outcome(Instant waitUntil) {
        static final Outcome DONE = new Outcome(null);
    }

    @JsonIgnoreProperties("remote_data")
    private abstract static class WithoutRemoteData {}

    private final ImportRepository imports;
    private final RunRepository runs;
    private final CallAccount accounts;
    private final Connectors connectors;
    private final UnifiedService unified;
    private final BudgetShare budgets;
    private final Increments increments;
    private final RunCompletion completion;
    private final InterlinkMetrics metrics;
    private final ObjectMapper withoutRaw;
    private final Clock clock;
    private final double share;
    private final long tenantRecordLimit;
    private final Duration budgetRetry;
    private final int pagesPerTurn;
    private final Duration turnPause;

    ImportRunner(
            ImportRepository imports,
            RunRepository runs,
            CallAccount accounts,
            Connectors connectors,
            UnifiedService unified,
            BudgetShare budgets,
            Increments increments,
            RunCompletion completion,
            InterlinkMetrics metrics,
            ObjectMapper json,
            Clock clock,
            @Value("${interlink.imports.max-budget-share:0.5}") double share,
            @Value("${interlink.imports.max-records-per-tenant:2000000}") long tenantRecordLimit,
            @Value("${interlink.imports.budget-retry:30s}") Duration budgetRetry,
            @Value("${interlink.imports.pages-per-turn:50}") int pagesPerTurn,
            @Value("${interlink.imports.turn-pause:0s}") Duration turnPause) {
        if (share <= 0 || share > 1) {
            throw new IllegalArgumentException("interlink.imports.max-budget-share must be in (0, 1]");
        }
        this.imports = imports;
        this.runs = runs;
        this.accounts = accounts;
        this.connectors = connectors;
        this.unified = unified;
        this.budgets = budgets;
        this.increments = increments;
        this.completion = completion;
        this.metrics = metrics;
        this.withoutRaw = json.copy().addMixIn(Object.class, WithoutRemoteData.class);
        this.clock = clock;
        this.share = share;
        this.tenantRecordLimit = tenantRecordLimit;
        this.budgetRetry = budgetRetry;
        this.pagesPerTurn = pagesPerTurn;
        this.turnPause = turnPause;
    }

    Outcome run(UUID runId) {
        ImportRun run = runs.findById(runId).orElse(null);
        if (run == null || !run.active()) return Outcome.DONE;
        ImportDefinition def = imports.findById(run.importId()).orElse(null);
        if (def == null) return Outcome.DONE; // deleted with its runs
        if (run.cancelRequested()) {
            runs.finish(runId, ImportRun.CANCELLED, null, now());
            return Outcome.DONE;
        }
        try {
            return read(run, def);
        } catch (ApiProblem p) {
            return fail(run, def, p.code(), p.getMessage());
        } catch (SnapshotLimit.Reached r) {
            return fail(
                    run,
                    def,
                    ErrorCode.IMPORT_SNAPSHOT_LIMIT_REACHED,
                    "The tenant's snapshots hold " + r.used + " records; the limit is " + tenantRecordLimit
                            + ". Delete imports or lower keep_snapshots.");
        }
    }

    private Outcome read(ImportRun queued, ImportDefinition def) {
        ConnectorContext ctx = accounts.resolve(def.tenantId(), def.accountId().toString());
        ctx.withoutRemoteData(); // snapshots keep unified fields only
        @SuppressWarnings("unchecked")
        ResourceOps<UnifiedRecord> ops =
                (ResourceOps<UnifiedRecord>) Connectors.ops(connectors.connector(ctx.provider()), def.resource());
        if (ops.list() == null) {
            throw ApiProblem.of(
                    ErrorCode.INTEGRATION_ACTION_NOT_SUPPORTED,
                    ctx.provider() + " cannot list " + def.resource().path());
        }
        UnifiedService.ListPlan plan = unified.plan(ctx.provider(), def.resource(), ops, def.filters());
        Increments.Base base = queued.startedAt() == null
                ? increments.base(def, ops, now()).orElse(null)
                : null; // decided on the first start: a revival keeps its mode
        UUID snapshotId = runs.start(queued, def.fields(), base, now(), tenantRecordLimit);
        ImportRun run = runs.findById(queued.id()).orElseThrow();
        boolean incremental = run.mode().equals(ImportRun.INCREMENTAL);
        BudgetShare.Budget budget = budgets.open(ctx, share);
        String position = run.position();
        int seq = run.recordsRead();
        Long total = run.totalEstimate();
        long working = run.workingMillis();
        boolean first = run.pagesRead() == 0;
        int pages = 0;
        while (first || position != null) {
            first = false;
            if (pages++ == pagesPerTurn) {
                // a long import gives its scheduler thread back now and then: polls and other runs get their turn
                return new Outcome(now().plus(turnPause));
            }
            if (runs.cancelRequested(run.id())) {
                runs.finish(run.id(), ImportRun.CANCELLED, null, now());
                return Outcome.DONE;
            }
            if (!budget.allowsNextStep()) {
                Instant eta = Eta.estimate(
                        now(), seq, total, ops.maxPageSize(), Duration.ofMillis(working), budget.policy(), share);
                runs.waiting(run.id(), eta);
                return new Outcome(now().plus(budgetRetry));
            }
            long started = System.nanoTime();
            Increments.Changes read;
            try {
                read = incremental
                        ? increments.read(ctx, def, ops, position, run.changesSince())
                        : listed(ctx, ops, plan, position);
            } catch (ApiProblem p) {
                if (p.code() != ErrorCode.REMOTE_RATE_LIMIT_EXCEEDED
                        && p.code() != ErrorCode.PLATFORM_RATE_LIMIT_EXCEEDED) {
                    throw p;
                }
                // our own limiter (or the provider) says wait: wait, do not fail a long import for it
                runs.waiting(run.id(), null);
                return new Outcome(now().plus(budgetRetry));
            }
            List<String> ids = new ArrayList<>(read.records().size());
            List<String> values = new ArrayList<>(read.records().size());
            for (UnifiedRecord r : read.records()) {
                if (!plan.keep().test(r)) continue;
                JsonNode tree = withoutRaw.valueToTree(r);
                ids.add(tree.path("id").asText());
                values.add(project(tree, def.fields()).toString());
            }
            if (read.total() != null) total = read.total();
            long pageMillis = (System.nanoTime() - started) / 1_000_000;
            working += pageMillis;
            String next = read.next();
            Instant eta = Eta.estimate(
                    now(),
                    seq + ids.size(),
                    total,
                    ops.maxPageSize(),
                    Duration.ofMillis(working),
                    budget.policy(),
                    share);
            RunRepository.PageWrite write = new RunRepository.PageWrite(seq, ids, values, next, total, eta, pageMillis);
            if (incremental) runs.commitChanges(run, snapshotId, write, read.deleted(), tenantRecordLimit);
            else runs.commitPage(run, snapshotId, write, tenantRecordLimit);
            seq += ids.size();
            position = next;
        }
        Instant finished = now();
        if (runs.finish(run.id(), ImportRun.SUCCEEDED, null, finished)) {
            completion.succeeded(def, run.id());
            metrics.importRun(def.provider(), ImportRun.SUCCEEDED, took(run, finished));
            LOG.info("Import {} {} run {} succeeded: {} records read", def.id(), run.mode(), run.id(), seq);
        }
        return Outcome.DONE;
    }

    /** One page of a full run: the listing at {@code position}, nothing deleted. */
    private static Increments.Changes listed(
            ConnectorContext ctx, ResourceOps<UnifiedRecord> ops, UnifiedService.ListPlan plan, String position) {
        Page<UnifiedRecord> page = ops.list().list(ctx, new ListRequest(position, ops.maxPageSize(), plan.natives()));
        return new Increments.Changes(page.items(), List.of(), page.nextPosition(), page.total());
    }

    /** The chosen fields of one unified record, by path (a missing one is null). */
    private ObjectNode project(JsonNode record, List<String> fields) {
        ObjectNode out = withoutRaw.createObjectNode();
        for (String f : fields) {
            JsonNode v = FieldPaths.value(record, f);
            out.set(f, v.isMissingNode() ? out.nullNode() : v);
        }
        return out;
    }

    private Outcome fail(ImportRun run, ImportDefinition def, ErrorCode code, String detail) {
        ObjectNode problem =
                withoutRaw.createObjectNode().put("code", code.code()).put("detail", detail);
        Instant finished = now();
        if (runs.finish(run.id(), ImportRun.FAILED, problem, finished)) {
            metrics.importRun(def.provider(), ImportRun.FAILED, took(run, finished));
            LOG.info("Import {} run {} failed: {}", def.id(), run.id(), code.code());
        }
        return Outcome.DONE;
    }

    private static Duration took(ImportRun run, Instant finished) {
        return Duration.between(run.startedAt() == null ? run.queuedAt() : run.startedAt(), finished);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
