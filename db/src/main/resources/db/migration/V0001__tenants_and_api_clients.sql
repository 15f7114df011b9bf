-- Tenants: the SaaS companies that use Interlink. Soft-deleted so that their tokens die with them.
create table tenant (
    id              uuid primary key,
    name            text        not null,
    display_name    text        not null,
    allowed_origins text[]      not null default '{}',
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    deleted_at      timestamptz
);

-- API clients: a tenant backend's identity for /oauth/token (client credentials) or for JWTs it signs
-- itself with a registered public JWK.
create table api_client (
    id          uuid primary key,
    tenant_id   uuid        not null references tenant (id),
    client_id   text        not null unique,
    name        text        not null,
    scopes      text[]      not null,
    public_jwk  text,
    created_at  timestamptz not null default now(),
    revoked_at  timestamptz
);
create index api_client_tenant on api_client (tenant_id);

-- Client secrets are 256-bit random strings, so a SHA-256 digest is a safe verifier (no slow hash needed).
-- At most two are live per client so a secret can be rotated without downtime.
create table api_client_secret (
    id            uuid primary key,
    api_client_id uuid        not null references api_client (id) on delete cascade,
    secret_sha256 text        not null unique,
    created_at    timestamptz not null default now(),
    expires_at    timestamptz
);
create index api_client_secret_client on api_client_secret (api_client_id);
