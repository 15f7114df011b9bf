-- Link tokens: short-lived, single-use capabilities for the link UI. Only the SHA-256 of the token is
-- stored (the token is 256 random bits, so a fast hash is a safe verifier).
create table link_token (
    id                    uuid primary key,
    tenant_id             uuid        not null references tenant (id),
    api_client_id         uuid,
    token_sha256          text        not null unique,
    end_user_id           text        not null,
    end_user_name         text,
    end_user_email        text,
    providers             text[]      not null,
    integrated_account_id uuid references integrated_account (id) on delete cascade,
    attempts              int         not null default 0,
    created_at            timestamptz not null,
    expires_at            timestamptz not null,
    consumed_at           timestamptz,
    consumed_account_id   uuid
);
create index link_token_tenant on link_token (tenant_id, created_at desc);
create index link_token_expires on link_token (expires_at);
