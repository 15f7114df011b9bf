-- Incremental import runs (platform-api imports/, docs/imports.md "Full and incremental runs"): a run either reads
-- every record (full) or starts from the latest complete snapshot (its base) and reads only what the provider says
-- changed since the base's run started (changes_since), through the provider's change feed or a native
-- updated_after filter. For an incremental run, position is the feed's or the changed listing's position.
alter table import_run
    add column mode text not null default 'full' check (mode in ('full', 'incremental')),
    add column base_snapshot_id uuid references import_snapshot (id) on delete set null,
    add column changes_since timestamptz,
    add check (mode = 'full' or changes_since is not null);
