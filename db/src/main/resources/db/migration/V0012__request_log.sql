-- Request log of the tenant API: who called what, with which outcome and how long it took. Never bodies,
-- query strings, headers or secrets. Written in batches off the request path; purged after the retention.
create table request_log (
    id                 bigserial primary key,
    tenant_id          uuid        not null,
    api_client_id      uuid,
    account_id         uuid,
    method             text        not null,
    route              text        not null,
    status             int         not null,
    duration_ms        int         not null,
    remote_duration_ms int,
    request_id         text,
    created_at         timestamptz not null
);
create index request_log_tenant_created on request_log (tenant_id, created_at desc, id desc);
create index request_log_tenant_account on request_log (tenant_id, account_id, created_at desc);
create index request_log_created on request_log (created_at);
