-- Outbound rate budgets per integrated account, shared by every replica of platform-api.
-- token_bucket policies (Loxo: 4/s, burst 10) keep one row; sliding_window policies (CATS: 500 per
-- rolling hour) keep one row per call inside the window, because a token bucket would let up to twice
-- the limit through a rolling window and the provider would answer 429.
create table rate_bucket (
    bucket_key     text primary key,
    tokens         double precision not null,
    updated_at     timestamptz      not null,
    blocked_until  timestamptz
);

create table rate_window_call (
    bucket_key text        not null,
    at         timestamptz not null
);
create index rate_window_call_key_at on rate_window_call (bucket_key, at);

-- Idempotency-Key records: the first request with a key claims it; its response is kept 24 h and
-- replayed for the same key and body.
create table idempotency_record (
    tenant_id       uuid        not null,
    idempotency_key text        not null,
    request_hash    text        not null,
    status          int,
    content_type    text,
    location        text,
    body            text,
    created_at      timestamptz not null default now(),
    completed_at    timestamptz,
    primary key (tenant_id, idempotency_key)
);
create index idempotency_record_created on idempotency_record (created_at);
