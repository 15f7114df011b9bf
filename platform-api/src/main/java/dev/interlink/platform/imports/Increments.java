package dev.interlink.platform.imports;

import dev.interlink.model.ats.UnifiedRecord;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.provider.ConnectorContext;
import dev.interlink.platform.provider.FilterMode;
import dev.interlink.platform.provider.ListRequest;
import dev.interlink.platform.provider.Page;
import dev.interlink.platform.provider.RemoteKey;
import dev.interlink.platform.provider.ResourceOps;
import dev.interlink.platform.provider.changesource.ChangeFeed;
import dev.interlink.platform.provider.changesource.ChangeHint;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Incremental runs (docs/imports.md, "Full and incremental runs"). A run starts from the import's latest complete
 * snapshot (its base) and reads only what changed since the base's run started, minus
 * {@code interlink.imports.change-overlap} (5 min, for clocks and events late to the feed): through the provider's
 * {@link ChangeFeed} (CATS events: changed records fetched one by one, deleted ones dropped) or a native
 * {@code updated_after} filter (Lever jobs and applications: changed records listed; a deletion there waits for the
 * next full run). A run is full when the import has filters (a changed record could not be checked against them),
 * when its fields changed since the base, when the provider offers neither way, or when the last full run is older
 * than {@code interlink.imports.full-run-interval} (24 h): the safety net for whatever a feed does not say.
 */
@Singleton
class Increments {
    /** Where an incremental run starts: the snapshot it copies and the time it reads changes from. */
    record Base(UUID snapshotId, Instant changesSince) {}

    /**
     * One page a run read: the records (changed or new ones, for an incremental run), the unified ids of deleted
     * ones, the next position (null: the end), the provider's count of all records if it gives one.
     */
    record Changes(List<UnifiedRecord> records, List<String> deleted, @Nullable String next, @Nullable Long total) {}

    private final Map<String, ChangeFeed> feeds;
    private final SnapshotRepository snapshots;
    private final RunRepository runs;
    private final Duration fullRunInterval;
    private final Duration overlap;

    Increments(
            List<ChangeFeed> feeds,
            SnapshotRepository snapshots,
            RunRepository runs,
            @Value("${interlink.imports.full-run-interval:24h}") Duration fullRunInterval,
            @Value("${interlink.imports.change-overlap:5m}") Duration overlap) {
        this.feeds = feeds.stream().collect(Collectors.toUnmodifiableMap(ChangeFeed::provider, Function.identity()));
        this.snapshots = snapshots;
        this.runs = runs;
        this.fullRunInterval = fullRunInterval;
        this.overlap = overlap;
    }

    /** The base a new run of {@code def} may start from, or empty: the run reads everything. */
    Optional<Base> base(ImportDefinition def, ResourceOps<?> ops, Instant now) {
        if (!def.filters().isEmpty() || (feed(def, ops) == null && !listsChanges(ops))) return Optional.empty();
        Instant lastFull = runs.lastFullRunStart(def.id()).orElse(null);
        if (lastFull == null || lastFull.plus(fullRunInterval).isBefore(now)) return Optional.empty();
        return snapshots
                .latest(def.id())
                .filter(s -> s.fields().equals(def.fields()))
                .flatMap(s -> runs.findById(s.runId())
                        .map(ImportRun::startedAt)
                        .map(started -> new Base(s.id(), started.minus(overlap))));
    }

    /** The page of changes at {@code position} (null: the first, from {@code since}). */
    Changes read(
            ConnectorContext ctx,
            ImportDefinition def,
            ResourceOps<UnifiedRecord> ops,
            String position,
            Instant since) {
        ChangeFeed feed = feed(def, ops);
        if (feed == null) {
            Page<UnifiedRecord> page = ops.list()
                    .list(ctx, new ListRequest(position, ops.maxPageSize(), Map.of("updated_after", since.toString())));
            return new Changes(page.items(), List.of(), page.nextPosition(), null);
        }
        ChangeFeed.Batch batch = feed.after(ctx, position == null ? feed.since(since) : position);
        Set<ChangeHint> gone = batch.deleted();
        List<UnifiedRecord> records = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (ChangeHint h : gone) {
            if (h.resource() == def.resource())
                deleted.add(RemoteKey.of(h.remoteId()).id());
        }
        for (ChangeHint h : batch.touched()) {
            if (h.resource() != def.resource() || gone.contains(h)) continue;
            try {
                records.add(ops.get().get(ctx, RemoteKey.of(h.remoteId())));
            } catch (ApiProblem p) {
                if (p.code() != ErrorCode.REMOTE_NOT_FOUND) throw p;
                deleted.add(RemoteKey.of(h.remoteId()).id()); // deleted after the event
            }
        }
        return new Changes(records, deleted, batch.more() ? batch.cursor() : null, null);
    }

    /** The provider's feed when it covers the resource, can start from a time and records can be fetched by id. */
    private ChangeFeed feed(ImportDefinition def, ResourceOps<?> ops) {
        ChangeFeed feed = feeds.get(def.provider());
        if (feed == null || !feed.covers().contains(def.resource())) return null;
        if (ops.get() == null || ops.keyArity() != 1 || feed.since(Instant.EPOCH) == null) return null;
        return feed;
    }

    private static boolean listsChanges(ResourceOps<?> ops) {
        return ops.list() != null && ops.filters().get("updated_after") == FilterMode.NATIVE;
    }
}
