-- Tenant admins: people who sign in to the admin UI. Passwords are Argon2id PHC strings.
-- An email identifies one live admin across all tenants, because sign-in asks only for email + password.
-- Lock-out state lives here (not in a replica's memory) so it holds behind a load balancer.
create table admin_user (
    id               uuid primary key,
    tenant_id        uuid        not null references tenant (id),
    email            text        not null,
    password_hash    text        not null,
    status           text        not null default 'active' check (status in ('active', 'disabled')),
    failed_attempts  int         not null default 0,
    locked_until     timestamptz,
    created_at       timestamptz not null default now(),
    last_sign_in_at  timestamptz,
    deleted_at       timestamptz
);
create unique index admin_user_email_live on admin_user (lower(email)) where deleted_at is null;
create index admin_user_tenant on admin_user (tenant_id);
