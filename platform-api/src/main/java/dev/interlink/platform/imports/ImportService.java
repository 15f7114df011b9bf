package dev.interlink.platform.imports;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.account.AccountService;
import dev.interlink.platform.account.IntegratedAccount;
import dev.interlink.platform.account.Page;
import dev.interlink.platform.account.PageCursor;
import dev.interlink.platform.ats.Connectors;
import dev.interlink.platform.ats.UnifiedService;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.FieldError;
import dev.interlink.platform.provider.AtsResource;
import dev.interlink.platform.provider.ResourceOps;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Import definitions and their runs for the tenant API. A body is validated whole (every invalid field listed) before
 * anything is written; the filters are planned against the account's connector exactly as a unified list would be, so
 * an import never fails later on a filter the provider cannot apply.
 */
@Singleton
class ImportService {
    static final int MAX_IMPORTS = 100;
    static final int MAX_FIELDS = 100;
    static final int DEFAULT_KEEP = 5;

    private final ImportRepository imports;
    private final RunRepository runs;
    private final AccountService accounts;
    private final Connectors connectors;
    private final UnifiedService unified;
    private final Optional<RunStarter> starter;
    private final Clock clock;

    ImportService(
            ImportRepository imports,
            RunRepository runs,
            AccountService accounts,
            Connectors connectors,
            UnifiedService unified,
            Optional<RunStarter> starter,
            Clock clock) {
        this.imports = imports;
        this.runs = runs;
        this.accounts = accounts;
        this.connectors = connectors;
        this.unified = unified;
        this.starter = starter;
        this.clock = clock;
    }

    static ApiProblem notFound(String what) {
        return ApiProblem.of(ErrorCode.IMPORT_NOT_FOUND, what + " not found");
    }

    static UUID id(String raw, String what) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw notFound(what);
        }
    }

    @Transactional
    ImportDefinition get(UUID tenantId, String id) {
        return imports.find(tenantId, id(id, "Import")).orElseThrow(() -> notFound("Import"));
    }

    @Transactional
    Optional<ImportDefinition> getOptional(UUID tenantId, UUID id) {
        return imports.find(tenantId, id);
    }

    @Transactional
    Page<ImportDefinition> list(UUID tenantId, @Nullable String cursor, @Nullable Integer limit) {
        int n = PageCursor.limit(limit, 50, 200);
        return page(
                imports.list(tenantId, cursor == null ? null : PageCursor.decode(cursor), n),
                n,
                d -> new PageCursor(d.createdAt(), d.id().toString()));
    }

    static <T> Page<T> page(List<T> rows, int n, Function<T, PageCursor> key) {
        String next = null;
        if (rows.size() > n) {
            rows = rows.subList(0, n);
            next = key.apply(rows.get(n - 1)).encode();
        }
        return Page.of(List.copyOf(rows), next);
    }

    @Transactional
    ImportDefinition create(UUID tenantId, Map<String, Object> body) {
        List<FieldError> errors = new ArrayList<>();
        unknownKeys(
                body,
                List.of("name", "integrated_account_id", "resource", "fields", "filters", "schedule", "keep_snapshots"),
                errors);
        IntegratedAccount account = null;
        Object accountId = body.get("integrated_account_id");
        if (!(accountId instanceof String s) || s.isBlank()) {
            errors.add(new FieldError("/integrated_account_id", "is required"));
        } else {
            try {
                account = accounts.get(tenantId, s);
            } catch (ApiProblem p) {
                errors.add(new FieldError("/integrated_account_id", "is not an account of this tenant"));
            }
        }
        AtsResource resource = resource(body.get("resource"), errors);
        String name = name(body.containsKey("name") ? body.get("name") : null, resource, errors);
        List<String> fields = fields(body.get("fields"), resource, errors);
        Map<String, String> filters = filters(body.get("filters"), errors);
        ImportSchedule schedule = ImportSchedule.parse(body.get("schedule"), "/schedule", errors);
        int keep = keep(body.containsKey("keep_snapshots") ? body.get("keep_snapshots") : DEFAULT_KEEP, errors);
        if (!errors.isEmpty()) throw ApiProblem.invalid(errors);
        planFilters(account.provider(), resource, filters);
        if (imports.count(tenantId) >= MAX_IMPORTS) {
            throw ApiProblem.of(ErrorCode.PLATFORM_LIMIT_REACHED, "A tenant has at most " + MAX_IMPORTS + " imports");
        }
        Instant now = now();
        ImportDefinition d = new ImportDefinition(
                UUID.randomUUID(),
                tenantId,
                account.id(),
                account.provider(),
                name,
                resource,
                fields,
                filters,
                schedule,
                keep,
                firstRun(schedule, now),
                now,
                now);
        imports.insert(d);
        return d;
    }

    /** A period starts at once (the first snapshot should not wait a day); a cron waits for its first time. */
    private static Instant firstRun(ImportSchedule schedule, Instant now) {
        if (schedule == null) return null;
        return schedule.every() != null ? now : schedule.next(now);
    }

    @Transactional
    ImportDefinition update(UUID tenantId, String id, Map<String, Object> body) {
        ImportDefinition d = get(tenantId, id);
        List<FieldError> errors = new ArrayList<>();
        unknownKeys(body, List.of("name", "fields", "filters", "schedule", "keep_snapshots"), errors);
        String name = body.containsKey("name") ? name(body.get("name"), d.resource(), errors) : d.name();
        List<String> fields =
                body.containsKey("fields") ? fields(body.get("fields"), d.resource(), errors) : d.fields();
        Map<String, String> filters = body.containsKey("filters") ? filters(body.get("filters"), errors) : d.filters();
        ImportSchedule schedule = body.containsKey("schedule")
                ? ImportSchedule.parse(body.get("schedule"), "/schedule", errors)
                : d.schedule();
        int keep = body.containsKey("keep_snapshots") ? keep(body.get("keep_snapshots"), errors) : d.keepSnapshots();
        if (!errors.isEmpty()) throw ApiProblem.invalid(errors);
        planFilters(d.provider(), d.resource(), filters);
        Instant now = now();
        Instant next = body.containsKey("schedule") ? firstRun(schedule, now) : d.nextRunAt();
        ImportDefinition changed = new ImportDefinition(
                d.id(),
                tenantId,
                d.accountId(),
                d.provider(),
                name,
                d.resource(),
                fields,
                filters,
                schedule,
                keep,
                next,
                d.createdAt(),
                now);
        imports.update(changed);
        return changed;
    }

    @Transactional
    void delete(UUID tenantId, String id) {
        if (!imports.delete(tenantId, id(id, "Import"))) throw notFound("Import");
    }

    /** Queues a run now; 409 with the active run's id when one is queued or running. */
    ImportRun runNow(UUID tenantId, String id) {
        ImportDefinition d = get(tenantId, id);
        UUID runId = UUID.randomUUID();
        if (!runs.queue(runId, tenantId, d.id(), "manual", null, now())) {
            ImportRun active = runs.active(d.id()).orElse(null);
            throw ApiProblem.of(ErrorCode.IMPORT_RUN_IN_PROGRESS, "The import already has a queued or running run")
                    .with("run_id", active == null ? null : active.id());
        }
        ImportRun run = runs.findById(runId).orElseThrow();
        starter.ifPresent(s -> s.start(run));
        return run;
    }

    @Transactional
    ImportRun run(UUID tenantId, String importId, String runId) {
        ImportDefinition d = get(tenantId, importId);
        return runs.find(tenantId, d.id(), id(runId, "Run")).orElseThrow(() -> notFound("Run"));
    }

    @Transactional
    Page<ImportRun> runs(UUID tenantId, String importId, @Nullable String cursor, @Nullable Integer limit) {
        ImportDefinition d = get(tenantId, importId);
        int n = PageCursor.limit(limit, 50, 200);
        return page(
                runs.list(tenantId, d.id(), cursor == null ? null : PageCursor.decode(cursor), n),
                n,
                r -> new PageCursor(r.queuedAt(), r.id().toString()));
    }

    @Transactional
    Optional<ImportRun> lastRun(UUID importId) {
        return runs.last(importId);
    }

    /** A queued run ends at once; a running one stops before its next page. */
    @Transactional
    ImportRun cancel(UUID tenantId, String importId, String runId) {
        ImportRun run = run(tenantId, importId, runId);
        if (!run.active()) {
            throw ApiProblem.of(ErrorCode.IMPORT_RUN_NOT_CANCELLABLE, "The run has already " + run.status());
        }
        if (run.status().equals(ImportRun.QUEUED)) runs.finish(run.id(), ImportRun.CANCELLED, null, now());
        else runs.requestCancel(run.id());
        return runs.findById(run.id()).orElseThrow();
    }

    private void planFilters(String provider, AtsResource resource, Map<String, String> filters) {
        ResourceOps<?> ops = Connectors.ops(connectors.connector(provider), resource);
        if (ops.list() == null) {
            throw ApiProblem.of(
                    ErrorCode.INTEGRATION_ACTION_NOT_SUPPORTED, provider + " cannot list " + resource.path());
        }
        try {
            unified.plan(provider, resource, ops, filters);
        } catch (ApiProblem p) {
            if (p.code() != ErrorCode.PLATFORM_INPUT_INVALID) throw p;
            // a filter's own pointer (/updated_after) is under /filters in an import body
            throw rebase(p, "/filters");
        }
    }

    @SuppressWarnings("unchecked")
    private static ApiProblem rebase(ApiProblem p, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        for (FieldError e : (List<FieldError>) p.extensions().getOrDefault("errors", List.of())) {
            errors.add(new FieldError(prefix + e.pointer(), e.detail()));
        }
        return errors.isEmpty() ? p : ApiProblem.invalid(errors);
    }

    private static void unknownKeys(Map<String, Object> body, List<String> known, List<FieldError> errors) {
        for (String k : body.keySet()) {
            if (!known.contains(k)) errors.add(new FieldError("/" + k, "is not a field of an import"));
        }
    }

    private static AtsResource resource(Object raw, List<FieldError> errors) {
        if (!(raw instanceof String s) || s.isBlank()) {
            errors.add(new FieldError("/resource", "is required: a unified ATS resource such as candidates"));
            return null;
        }
        Optional<AtsResource> r = AtsResource.byPath(s);
        if (r.isEmpty()) errors.add(new FieldError("/resource", "'" + s + "' is not a unified ATS resource"));
        return r.orElse(null);
    }

    private static String name(Object raw, AtsResource resource, List<FieldError> errors) {
        if (raw == null) return resource == null ? "import" : resource.path();
        if (!(raw instanceof String s) || s.isBlank() || s.length() > 200) {
            errors.add(new FieldError("/name", "must be a text of 1 to 200 characters"));
            return null;
        }
        return s.trim();
    }

    private static List<String> fields(Object raw, AtsResource resource, List<FieldError> errors) {
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            errors.add(
                    new FieldError("/fields", "is required: at least one field path (GET /import-fields lists them)"));
            return List.of();
        }
        if (list.size() > MAX_FIELDS) {
            errors.add(new FieldError("/fields", "at most " + MAX_FIELDS + " fields"));
            return List.of();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String path)) {
                errors.add(new FieldError("/fields/" + i, "must be a field path"));
                continue;
            }
            String problem = resource == null ? null : FieldPaths.problem(resource, path);
            if (problem != null) errors.add(new FieldError("/fields/" + i, problem));
            else out.add(path);
        }
        return List.copyOf(out);
    }

    private static Map<String, String> filters(Object raw, List<FieldError> errors) {
        if (raw == null) return Map.of();
        if (!(raw instanceof Map<?, ?> m)) {
            errors.add(new FieldError("/filters", "must be an object of unified list filters"));
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (!UnifiedService.knownFilters().contains(key) || key.equals("ids")) {
                errors.add(new FieldError("/filters/" + key, "is not a filter of the unified lists"));
            } else if (!(v instanceof String s) || s.isBlank()) {
                errors.add(new FieldError("/filters/" + key, "must be a non-empty text"));
            } else out.put(key, s);
        });
        return out;
    }

    private static int keep(Object raw, List<FieldError> errors) {
        if (raw instanceof Integer n && n >= 1 && n <= 100) return n;
        errors.add(new FieldError("/keep_snapshots", "must be an integer from 1 to 100"));
        return DEFAULT_KEEP;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
