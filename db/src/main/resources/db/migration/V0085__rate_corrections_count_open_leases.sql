-- A provider correction must count the calls replicas still hold in their leases (docs/decisions/0073-provider-
-- corrections-and-leases.md). When a provider reports fewer calls left than we counted (calls we never saw), the
-- budget used to be set to what the provider has seen. Leased calls not yet sent are counted by us but not yet seen
-- by the provider, so they were absorbed by the correction, then sent (or given back) on top of it: the provider
-- answered 429 (TwoInstanceRateBudgetTest, CI of 2026-12-04).
--
-- Two facts fix it:
-- * what was leased in the last lease lifetime: a lease cannot be spent later than one lifetime after it was granted,
--   so any call still held in a lease is in it. Two tumbling periods of one lifetime each keep it, in the bucket's row.
-- * a correction number: a correction raises it, and a lease granted before a correction gives nothing back (its
--   unspent calls were already counted by the correction, or have expired before it). Giving back less only makes the
--   budget more careful.
alter table rate_bucket
    add column correction    bigint not null default 0,
    add column leased_period bigint not null default 0,
    add column leased_now    int    not null default 0,
    add column leased_before int    not null default 0;

-- Notes p_calls leased now; answers the bucket's correction number, which the lease carries until it ends.
create or replace function rate_note_lease(p_key text, p_calls int, p_lifetime_ms bigint) returns bigint
language plpgsql as $$
declare
    v_period     bigint := floor(extract(epoch from clock_timestamp()) * 1000 / p_lifetime_ms)::bigint;
    v_correction bigint;
begin
    -- a window's row holds only these columns and blocked_until; a bucket's row exists already (rate_lease made it)
    insert into rate_bucket as b (bucket_key, tokens, updated_at, leased_period, leased_now)
         values (p_key, 0, clock_timestamp(), v_period, p_calls)
    on conflict (bucket_key) do update set
         leased_before = case when b.leased_period = v_period then b.leased_before
                              when b.leased_period = v_period - 1 then b.leased_now
                              else 0 end,
         leased_now    = case when b.leased_period = v_period then b.leased_now else 0 end + p_calls,
         leased_period = v_period
    returning b.correction into v_correction;
    return v_correction;
end
$$;

-- The calls leased in the last one to two lease lifetimes: an upper bound of what leases still hold.
create or replace function rate_leased_recently(p_key text, p_lifetime_ms bigint) returns int
language sql stable as $$
    select coalesce((
        select case when b.leased_period = v.period then b.leased_now + b.leased_before
                    when b.leased_period = v.period - 1 then b.leased_now
                    else 0 end
          from rate_bucket b
         where b.bucket_key = p_key), 0)
      from (select floor(extract(epoch from clock_timestamp()) * 1000 / p_lifetime_ms)::bigint as period) v
$$;

-- rate_return of V0083, for a lease granted at correction p_correction: nothing comes back after a correction.
create or replace function rate_return(p_key text, p_sliding boolean, p_slot bigint, p_count int, p_burst int,
                                       p_correction bigint)
returns void
language plpgsql as $$
begin
    perform pg_advisory_xact_lock(hashtext('rate:' || p_key));
    if exists (select 1 from rate_bucket b where b.bucket_key = p_key and b.correction <> p_correction) then
        return;
    end if;
    perform rate_return(p_key, p_sliding, p_slot, p_count, p_burst);
end
$$;

-- rate_lease of V0083 that notes what it grants and gives back only what a correction has not counted.
create or replace function rate_lease(p_key text, p_sliding boolean, p_limit int, p_window bigint,
                                      p_rate double precision, p_burst int, p_count int,
                                      p_back int, p_back_slot bigint, p_back_correction bigint, p_lifetime_ms bigint)
returns table (granted int, remaining int, reset_seconds bigint, wait_millis bigint, slot bigint, correction bigint)
language plpgsql as $$
declare
    v_grant record;
begin
    perform pg_advisory_xact_lock(hashtext('rate:' || p_key));
    if p_back > 0 then
        perform rate_return(p_key, p_sliding, p_back_slot, p_back, p_burst, p_back_correction);
    end if;
    select * into v_grant from rate_lease(p_key, p_sliding, p_limit, p_window, p_rate, p_burst, p_count, 0, 0);
    return query select v_grant.granted, v_grant.remaining, v_grant.reset_seconds, v_grant.wait_millis, v_grant.slot,
        case when v_grant.granted > 0 then rate_note_lease(p_key, v_grant.granted, p_lifetime_ms) end;
end
$$;
