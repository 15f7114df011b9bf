package dev.interlink.platform.imports;

/**
 * Hands a queued run to the scheduler. Without one (imports disabled on this replica), queued runs wait for a replica
 * whose tick picks them up.
 */
interface RunStarter {
    void start(ImportRun run);
}
