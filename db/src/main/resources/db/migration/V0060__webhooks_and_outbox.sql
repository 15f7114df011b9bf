-- Webhooks to tenants: endpoints, the events outbox, deliveries and their attempts (docs/decisions/0050).

-- A tenant's receiving URL. Its signing secrets are not here: they live sealed in vault_secret
-- (owner_id = the endpoint id, purpose webhook_signing / webhook_signing_previous). After a rotation the
-- previous secret keeps signing until previous_secret_expires_at.
create table webhook_endpoint (
    id                         uuid primary key,
    tenant_id                  uuid        not null references tenant (id),
    url                        text        not null,
    event_types                text[]      not null,
    description                text,
    status                     text        not null check (status in ('active', 'disabled')),
    disabled_reason            text,
    previous_secret_expires_at timestamptz,
    -- start of the current unbroken run of failed attempts (null after a success): 5 days of it disable
    failing_since              timestamptz,
    created_at                 timestamptz not null,
    updated_at                 timestamptz not null
);
create index webhook_endpoint_tenant_created on webhook_endpoint (tenant_id, created_at desc, id desc);
-- publish() looks up the active endpoints of one tenant on every event
create index webhook_endpoint_tenant_active on webhook_endpoint (tenant_id) where status = 'active';

-- The outbox: one row per published event, written in the transaction of the change that caused it.
-- id is the Standard Webhooks webhook-id (msg_...), the same on every attempt, retry and replay.
create table webhook_event (
    id          text primary key,
    tenant_id   uuid        not null references tenant (id),
    type        text        not null,
    payload     jsonb       not null,
    created_at  timestamptz not null
);
create index webhook_event_tenant_created on webhook_event (tenant_id, created_at);

-- One delivery of one event to one endpoint (publish makes one per matching endpoint; a retry or a replay
-- makes a new one for the same event). Workers claim due rows with FOR UPDATE SKIP LOCKED and a lease
-- (locked_until): a replica that dies mid-send leaves a lease that expires, and another replica retries.
create table webhook_delivery (
    id               uuid primary key,
    tenant_id        uuid        not null,
    event_id         text        not null references webhook_event (id) on delete cascade,
    endpoint_id      uuid        not null references webhook_endpoint (id) on delete cascade,
    event_type       text        not null,
    status           text        not null check (status in ('pending', 'succeeded', 'failed')),
    attempt_count    int         not null default 0,
    next_attempt_at  timestamptz,
    locked_until     timestamptz,
    locked_by        text,
    last_status_code int,
    last_error       text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
-- the claim query: per active endpoint, its due pending rows, oldest due first
create index webhook_delivery_due on webhook_delivery (endpoint_id, next_attempt_at) where status = 'pending';
-- the claim query's in-flight count per endpoint: only rows with a lease (few; completion clears it)
create index webhook_delivery_leased on webhook_delivery (locked_until, endpoint_id)
    where status = 'pending' and locked_until is not null;
-- the delivery log of one endpoint, newest first
create index webhook_delivery_endpoint_created on webhook_delivery (endpoint_id, created_at desc, id desc);
create index webhook_delivery_event on webhook_delivery (event_id);

-- Every HTTP attempt of a delivery: what we sent (headers incl. the signature, never the secret) and what
-- came back (status, duration, the first 1 KB of the answer) or why nothing came back.
create table webhook_attempt (
    id               bigserial primary key,
    delivery_id      uuid        not null references webhook_delivery (id) on delete cascade,
    attempted_at     timestamptz not null,
    status_code      int,
    duration_ms      int         not null,
    request_headers  jsonb       not null,
    response_excerpt text check (octet_length(response_excerpt) <= 1024),
    error            text
);
create index webhook_attempt_delivery on webhook_attempt (delivery_id, id);
