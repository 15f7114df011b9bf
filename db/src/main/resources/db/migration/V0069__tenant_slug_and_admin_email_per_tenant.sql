-- Admin emails are unique per tenant, no longer across all tenants (docs/security.md "Admin sign-in"): a global
-- uniqueness answered "already an admin" for another tenant's address, an oracle and a way to squat it.
-- Sign-in therefore names its tenant by a slug, the tenant's public sign-in name (like a workspace URL).

alter table tenant add column slug text;

-- Existing tenants get their name folded to [a-z0-9-] plus six characters of their id, which keeps them unique.
update tenant
set slug = left(coalesce(nullif(trim(both '-' from regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g')), ''), 'tenant'), 40)
           || '-' || left(replace(id::text, '-', ''), 6);

alter table tenant alter column slug set not null;
alter table tenant add constraint tenant_slug_format check (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$');
create unique index tenant_slug_live on tenant (slug) where deleted_at is null;

drop index admin_user_email_live;
create unique index admin_user_email_live on admin_user (tenant_id, lower(email)) where deleted_at is null;
