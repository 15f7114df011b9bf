-- Change detection (docs/decisions/0051-change-detection.md): the scheduler's own table, what the engine last saw
-- of every watched record, what the poller spent, and the provider webhook subscriptions with their inbound dedupe.

-- db-scheduler 16.7.1's PostgreSQL table, as its README gives it. One row per task instance: the primary key is
-- what makes "one poll per account at a time" hold across replicas; picked/picked_by/last_heartbeat is how an
-- execution of a replica that died is found and run again.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- Per account: whether the baseline is taken (before it, records are stored without events), the provider's
-- change feed position (CATS /events id) and when the resources were last listed in full.
create table change_account (
    account_id   uuid primary key references integrated_account (id) on delete cascade,
    tenant_id    uuid        not null,
    provider     text        not null,
    baseline_at  timestamptz,
    feed_cursor  text,
    full_scan_at timestamptz,
    last_poll_at timestamptz
);

-- What the engine last saw of one unified record: the fingerprint of its unified JSON minus volatile fields, a
-- hash per top-level field (to name the changed fields) and, for applications, the current stage.
create table change_record (
    account_id     uuid        not null references integrated_account (id) on delete cascade,
    resource       text        not null,
    record_id      text        not null,
    tenant_id      uuid        not null,
    fingerprint    text        not null,
    field_hashes   jsonb       not null,
    stage_id       text,
    stage_name     text,
    stage_category text,
    seen_at        timestamptz not null,
    primary key (account_id, resource, record_id)
);

-- One row per poll of one account: what it spent against the account's provider budget.
create table change_poll_run (
    id             bigserial primary key,
    account_id     uuid        not null references integrated_account (id) on delete cascade,
    tenant_id      uuid        not null,
    started_at     timestamptz not null,
    finished_at    timestamptz not null,
    calls          int         not null,
    budget_limit   int         not null,
    remaining_at_start int,
    reserved       int         not null,
    deferred       boolean     not null,
    events         int         not null,
    baseline       boolean     not null,
    outcome        text        not null
);
create index change_poll_run_account on change_poll_run (account_id, id desc);
create index change_poll_run_started on change_poll_run (started_at);

-- A webhook we registered at the provider for one account. The inbound URL carries a 256-bit token; only its
-- SHA-256 is stored. The signing secret we gave the provider is in the vault (purpose provider_webhook).
create table change_subscription (
    account_id        uuid primary key references integrated_account (id) on delete cascade,
    tenant_id         uuid        not null,
    provider          text        not null,
    token_sha256      text        not null unique,
    remote_webhook_id text,
    created_at        timestamptz not null
);

-- Provider deliveries already taken in (CATS: X-Request-Id), so a redelivery is answered 200 and ignored.
create table change_inbound_delivery (
    account_id  uuid        not null references integrated_account (id) on delete cascade,
    delivery_id text        not null,
    received_at timestamptz not null,
    primary key (account_id, delivery_id)
);
create index change_inbound_delivery_received on change_inbound_delivery (received_at);
