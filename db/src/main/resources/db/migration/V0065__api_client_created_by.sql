-- Who created each API client (`api_client:<id>`, `admin_user:<id>`, or `operator` for the CLI's first client), so
-- that revoking a leaked client reports the clients it left behind (docs/security.md "Scopes").
alter table api_client add column created_by text;
create index api_client_created_by on api_client (tenant_id, created_by) where revoked_at is null;
