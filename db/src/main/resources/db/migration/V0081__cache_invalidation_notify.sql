-- Per-replica caches of the hot path (platform-api cache/ReplicaCaches) stay true across replicas: a change to a
-- cached row sends NOTIFY interlink_cache '<kind>:<id>', delivered on commit to every replica's listener, whoever
-- made the change (a replica, admin-ui, an operator's SQL). See
-- docs/decisions/0080-hot-path-caches-and-constant-cost-budgets.md.

-- api_client:<client_id> (the cache is keyed by the token's client id)
create or replace function cache_notify_api_client() returns trigger language plpgsql as $$
begin
    perform pg_notify('interlink_cache', 'api_client:' || coalesce(new.client_id, old.client_id));
    if tg_op = 'UPDATE' and new.client_id is distinct from old.client_id then
        perform pg_notify('interlink_cache', 'api_client:' || old.client_id);
    end if;
    return null;
end $$;
create trigger api_client_cache_notify after insert or update or delete on api_client
    for each row execute function cache_notify_api_client();

-- tenant:<id> (also evicts the tenant's API clients: the client lookup requires a live tenant)
create or replace function cache_notify_tenant() returns trigger language plpgsql as $$
begin
    perform pg_notify('interlink_cache', 'tenant:' || coalesce(new.id, old.id));
    return null;
end $$;
create trigger tenant_cache_notify after update or delete on tenant
    for each row execute function cache_notify_tenant();

-- account:<id>; last_used_at alone (written at most once a minute per account) changes nothing cached
create or replace function cache_notify_account() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and (to_jsonb(new) - 'last_used_at') = (to_jsonb(old) - 'last_used_at') then
        return null;
    end if;
    perform pg_notify('interlink_cache', 'account:' || coalesce(new.id, old.id));
    return null;
end $$;
create trigger integrated_account_cache_notify after update or delete on integrated_account
    for each row execute function cache_notify_account();

-- an account's credentials (owner_id is the account for purpose 'credentials'; other owners are simply not cached)
create or replace function cache_notify_vault_secret() returns trigger language plpgsql as $$
begin
    perform pg_notify('interlink_cache', 'account:' || coalesce(new.owner_id, old.owner_id));
    return null;
end $$;
create trigger vault_secret_cache_notify after insert or update or delete on vault_secret
    for each row execute function cache_notify_vault_secret();
