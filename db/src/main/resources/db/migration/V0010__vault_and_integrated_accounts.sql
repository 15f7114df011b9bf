-- Integrated accounts: one end customer's connection to one provider, owned by one tenant.
-- Credentials are not here: they live encrypted in vault_secret (owner_id = the account id).
create table integrated_account (
    id                uuid primary key,
    tenant_id         uuid        not null references tenant (id),
    provider          text        not null,
    end_user_id       text        not null,
    end_user_name     text,
    end_user_email    text,
    status            text        not null check (status in ('active', 'needs_reauth', 'disabled')),
    status_reason     text,
    status_changed_at timestamptz not null,
    context           jsonb       not null default '{}',
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    last_used_at      timestamptz,
    deleted_at        timestamptz
);
-- list order (newest first) and cursor pagination, always within one tenant
create index integrated_account_tenant_created on integrated_account (tenant_id, created_at desc, id desc)
    where deleted_at is null;
create index integrated_account_tenant_end_user on integrated_account (tenant_id, end_user_id)
    where deleted_at is null;
create index integrated_account_deleted on integrated_account (deleted_at) where deleted_at is not null;

-- Every status change, newest last (the admin UI shows it).
create table integrated_account_status_history (
    id          bigserial primary key,
    tenant_id   uuid        not null,
    account_id  uuid        not null references integrated_account (id) on delete cascade,
    status      text        not null,
    reason      text,
    changed_at  timestamptz not null
);
create index integrated_account_status_history_account on integrated_account_status_history (account_id, id);

-- The vault: AEAD ciphertexts (Tink AES-256-GCM), bound by associated data to (tenant_id, owner_id, purpose),
-- so a ciphertext copied to another row or tenant does not decrypt. key_id is the Tink key id that
-- encrypted the row: rotation re-encrypts every row whose key_id is not the current primary.
create table vault_secret (
    tenant_id   uuid        not null,
    owner_id    uuid        not null,
    purpose     text        not null,
    key_id      bigint      not null,
    ciphertext  bytea       not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    primary key (tenant_id, owner_id, purpose)
);
create index vault_secret_key_id on vault_secret (key_id);
