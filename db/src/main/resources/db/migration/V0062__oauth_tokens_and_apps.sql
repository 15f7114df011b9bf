-- OAuth 2.0 accounts: the tokens themselves live in the vault (purpose 'credentials', like every credential set);
-- this row is what replicas coordinate on. version grows by one with every saved token pair and fences writes: a
-- save names the version it refreshed from, so a replica that lost its lease can never overwrite a newer pair.
-- lease_owner/lease_until is the cluster-wide single flight around the token call: held only for that call, and
-- expired leases are free, so a replica killed mid-refresh blocks the account for one lease budget at most.
create table oauth_token_state (
    account_id        uuid primary key references integrated_account (id) on delete cascade,
    tenant_id         uuid        not null,
    version           bigint      not null default 0,
    access_expires_at timestamptz,
    refreshed_at      timestamptz,
    lease_owner       text,
    lease_until       timestamptz
);
-- the sweeper refreshes accounts whose last refresh is oldest first
create index oauth_token_state_refreshed on oauth_token_state (refreshed_at nulls first);

-- A tenant's own OAuth app per provider (its client secret is in the vault, owner = tenant, purpose
-- 'oauth_app.<provider>'); without one, the operator's app from configuration is used.
create table oauth_app (
    tenant_id  uuid        not null references tenant (id),
    provider   text        not null,
    client_id  text        not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (tenant_id, provider)
);
