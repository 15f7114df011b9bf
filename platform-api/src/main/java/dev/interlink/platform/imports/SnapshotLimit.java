package dev.interlink.platform.imports;

/**
 * The bound on the records a tenant's snapshots hold together ({@code interlink.imports.max-records-per-tenant}):
 * snapshots live in the shared PostgreSQL, so one tenant's imports must not fill it for everyone.
 */
final class SnapshotLimit {
    private SnapshotLimit() {}

    /** A page that would take the tenant past its bound: the run fails with IMPORT.SNAPSHOT_LIMIT_REACHED. */
    static final class Reached extends RuntimeException {
        final long used;

        Reached(long used) {
            super("snapshot records limit reached", null, false, false);
            this.used = used;
        }
    }
}
