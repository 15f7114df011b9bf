-- Scheduled imports of unified ATS data into snapshots (platform-api imports/, docs/imports.md,
-- docs/decisions/0071-imports-on-the-cluster-scheduler.md).

-- What to import, from which account, how often. fields are unified paths (emails.0.email); filters are unified list
-- filters; a schedule is a fixed period or a cron expression (at most one), or none (run on demand only).
create table import_definition (
    id                     uuid primary key,
    tenant_id              uuid not null references tenant (id) on delete cascade,
    integrated_account_id  uuid not null references integrated_account (id) on delete cascade,
    name                   text not null,
    resource               text not null,
    fields                 text[] not null,
    filters                jsonb not null default '{}',
    schedule_every_seconds integer check (schedule_every_seconds >= 900),
    schedule_cron          text,
    keep_snapshots         integer not null check (keep_snapshots between 1 and 100),
    next_run_at            timestamptz,
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    check (schedule_every_seconds is null or schedule_cron is null)
);
create index import_definition_by_tenant on import_definition (tenant_id, created_at desc, id desc);
create index import_definition_due on import_definition (next_run_at) where next_run_at is not null;

-- One run of an import. position is the provider's position of the next page to read: each page commits its records
-- and the new position together, so a run revived after its replica died goes on from there.
create table import_run (
    id                 uuid primary key,
    tenant_id          uuid not null references tenant (id) on delete cascade,
    import_id          uuid not null references import_definition (id) on delete cascade,
    trigger            text not null check (trigger in ('manual', 'schedule')),
    status             text not null check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    -- the schedule slot a scheduled run is for: two replicas' ticks cannot queue one slot twice
    scheduled_for      timestamptz,
    position           text,
    pages_read         integer not null default 0,
    records_read       integer not null default 0,
    total_estimate     bigint,
    eta                timestamptz,
    waiting_for_budget boolean not null default false,
    -- time spent reading pages, without budget waits: the throughput the ETA extrapolates
    working_millis     bigint not null default 0,
    cancel_requested   boolean not null default false,
    problem            jsonb,
    queued_at          timestamptz not null,
    started_at         timestamptz,
    finished_at        timestamptz,
    unique (import_id, scheduled_for)
);
create index import_run_by_import on import_run (import_id, queued_at desc, id desc);
-- at most one queued or running run per import, whoever asks for it
create unique index import_run_one_active on import_run (import_id) where status in ('queued', 'running');

-- The records a run read; listed (complete) once the run succeeded.
create table import_snapshot (
    id           uuid primary key,
    tenant_id    uuid not null references tenant (id) on delete cascade,
    import_id    uuid not null references import_definition (id) on delete cascade,
    run_id       uuid not null unique references import_run (id) on delete cascade,
    fields       text[] not null,
    record_count integer not null default 0,
    complete     boolean not null default false,
    created_at   timestamptz not null,
    completed_at timestamptz
);
create index import_snapshot_by_import on import_snapshot (import_id, completed_at desc, id desc);
create index import_snapshot_by_tenant on import_snapshot (tenant_id);

-- seq keeps the provider's order; record_id (the unified id) is what a diff matches on. A page read again after a
-- crash inserts nothing twice (on conflict do nothing).
create table import_snapshot_record (
    snapshot_id   uuid not null references import_snapshot (id) on delete cascade,
    seq           integer not null,
    record_id     text not null,
    record_values jsonb not null,
    primary key (snapshot_id, seq),
    unique (snapshot_id, record_id)
);

-- A read-only URL serving the latest snapshot as CSV: only the SHA-256 of its token is stored.
create table import_feed (
    id          uuid primary key,
    tenant_id   uuid not null references tenant (id) on delete cascade,
    import_id   uuid not null references import_definition (id) on delete cascade,
    token_hash  bytea not null unique,
    expires_at  timestamptz not null,
    revoked_at  timestamptz,
    created_at  timestamptz not null
);
create index import_feed_by_import on import_feed (import_id, created_at desc, id desc);

-- What to announce after a run: each record added, removed, or whose field changed (to a value).
create table import_rule (
    id         uuid primary key,
    tenant_id  uuid not null references tenant (id) on delete cascade,
    import_id  uuid not null references import_definition (id) on delete cascade,
    kind       text not null check (kind in ('record_added', 'record_removed', 'field_changed')),
    field      text,
    to_value   text,
    created_at timestamptz not null,
    check (kind <> 'field_changed' or field is not null)
);
create index import_rule_by_import on import_rule (import_id, created_at desc, id desc);
