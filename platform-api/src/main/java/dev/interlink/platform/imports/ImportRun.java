package dev.interlink.platform.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One run of an import (import_run), with the id of its snapshot once the snapshot is complete. {@code mode} is
 * {@link #FULL} or {@link #INCREMENTAL} (then {@code changesSince} is where its changes start), decided when the run
 * first starts.
 */
record ImportRun(
        UUID id,
        UUID tenantId,
        UUID importId,
        String trigger,
        String status,
        String position,
        int pagesRead,
        int recordsRead,
        Long totalEstimate,
        Instant eta,
        boolean waitingForBudget,
        long workingMillis,
        boolean cancelRequested,
        JsonNode problem,
        Instant queuedAt,
        Instant startedAt,
        Instant finishedAt,
        UUID snapshotId,
        String mode,
        Instant changesSince) {
    static final String QUEUED = "queued";
    static final String RUNNING = "running";
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";
    static final String CANCELLED = "cancelled";
    static final String FULL = "full";
    static final String INCREMENTAL = "incremental";

    boolean active() {
        return status.equals(QUEUED) || status.equals(RUNNING);
    }

    /** As the API shows it: the position and the working time stay internal. */
    Map<String, Object> view() {
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("done", recordsRead);
        progress.put("total_estimate", totalEstimate);
        progress.put("eta", active() ? eta : null);
        progress.put(
                "percent",
                status.equals(SUCCEEDED)
                        ? Double.valueOf(100)
                        : totalEstimate == null || totalEstimate == 0
                                ? null
                                : Math.min(99.9, Math.round(1000.0 * recordsRead / totalEstimate) / 10.0));
        progress.put("waiting_for_budget", active() && waitingForBudget);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("import_id", importId);
        v.put("status", status);
        v.put("trigger", trigger);
        v.put("mode", startedAt == null ? null : mode);
        v.put("changes_since", changesSince);
        v.put("records_read", recordsRead);
        v.put("pages_read", pagesRead);
        v.put("progress", progress);
        v.put("snapshot_id", snapshotId);
        v.put("cancel_requested", active() && cancelRequested);
        v.put("queued_at", queuedAt);
        v.put("started_at", startedAt);
        v.put("finished_at", finishedAt);
        v.put("problem", problem);
        return v;
    }
}
