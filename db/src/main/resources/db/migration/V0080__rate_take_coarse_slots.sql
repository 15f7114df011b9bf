-- A rate decision whose cost does not grow with the window (issue 18). Until now a sliding window kept one row per
-- second, and every decision summed them: up to 3,601 rows for CATS' rolling hour once an account was busy for an
-- hour, all under the account's advisory lock. Now a window of W seconds is counted in slots of
-- w = ceil(W / 60) seconds (1 s for windows up to a minute, as before; 61 s for the hour plus our 2 s margin), so a
-- decision reads at most 61 rows whatever W is.
--
-- Exactness is kept on the safe side: a call made in the slot starting at s counts until s + w + W, never shorter
-- than the provider counts it (at most w longer: for an hour, 61 s of 3,602). Rows that older replicas write with
-- per-second slots during a rolling deploy are summed the same way and expire later, never earlier, so a mixed
-- deployment can only be more careful. Expired slots are deleted by a range on the primary key
-- (bucket_key, second) instead of an expression the index could not serve.
-- Semantics otherwise as in docs/decisions/0004-outbound-rate-budgets-in-postgresql.md and
-- docs/decisions/0080-hot-path-caches-and-constant-cost-budgets.md.
create or replace function rate_slot_seconds(p_window bigint) returns bigint
language sql immutable as $$ select greatest(1, ceil(p_window / 60.0))::bigint $$;

create or replace function rate_take(p_key text, p_sliding boolean, p_limit int, p_window bigint,
                                     p_rate double precision, p_burst int)
returns table (allowed boolean, remaining int, reset_seconds bigint, wait_millis bigint)
language plpgsql as $$
declare
    v_now     timestamptz      := clock_timestamp();
    v_now_s   double precision := extract(epoch from v_now);
    v_slot    bigint           := rate_slot_seconds(p_window);
    v_blocked timestamptz;
    v_used    int;
    v_oldest  bigint;
    v_tokens  double precision;
    v_free_ms bigint;
begin
    perform pg_advisory_xact_lock(hashtext('rate:' || p_key));

    select b.blocked_until into v_blocked from rate_bucket b where b.bucket_key = p_key;
    if v_blocked is not null and v_blocked > v_now then
        v_free_ms := ceil(extract(epoch from (v_blocked - v_now)) * 1000);
        return query select false, 0, (v_free_ms + 999) / 1000, v_free_ms;
        return;
    end if;

    if p_sliding then
        -- expired: s + w + W <= now, i.e. s <= now - w - W (a primary-key range)
        delete from rate_window_slot s
         where s.bucket_key = p_key and s.second <= floor(v_now_s - v_slot - p_window)::bigint;
        select coalesce(sum(s.calls), 0), min(s.second) into v_used, v_oldest
          from rate_window_slot s where s.bucket_key = p_key;
        -- the oldest slot frees its calls at oldest + w + window
        v_free_ms := case when v_oldest is null then 0
                          else ceil(((v_oldest + v_slot + p_window) - v_now_s) * 1000) end;
        if v_used < p_limit then
            insert into rate_window_slot as s (bucket_key, second, calls)
                values (p_key, (floor(v_now_s)::bigint / v_slot) * v_slot, 1)
                on conflict (bucket_key, second) do update set calls = s.calls + 1;
            return query select true, p_limit - v_used - 1,
                case when v_oldest is null then p_window else greatest(0, (v_free_ms + 999) / 1000) end, 0::bigint;
        else
            return query select false, 0, greatest(0, (v_free_ms + 999) / 1000), greatest(1, v_free_ms);
        end if;
        return;
    end if;

    insert into rate_bucket as b (bucket_key, tokens, updated_at) values (p_key, p_burst, v_now)
        on conflict (bucket_key) do update set
            tokens = least(p_burst, b.tokens + p_rate * extract(epoch from (excluded.updated_at - b.updated_at))),
            updated_at = excluded.updated_at
        returning b.tokens into v_tokens;
    if v_tokens >= 1 then
        update rate_bucket b set tokens = b.tokens - 1 where b.bucket_key = p_key;
        return query select true, floor(v_tokens - 1)::int,
            ceil((p_burst - (v_tokens - 1)) / p_rate)::bigint, 0::bigint;
    else
        return query select false, 0, ceil((p_burst - v_tokens) / p_rate)::bigint,
            ceil((1 - v_tokens) / p_rate * 1000)::bigint;
    end if;
end
$$;
