-- Gives back calls a lease did not spend: a window uncounts them from the slot they were counted in (if it has not
-- expired yet), a bucket gets its tokens back up to its burst. Giving back less than was left unspent (a replica that
-- died) only makes the budget more careful.
create or replace function rate_return(p_key text, p_sliding boolean, p_slot bigint, p_count int, p_burst int)
returns void
language plpgsql as $$
begin
    perform pg_advisory_xact_lock(hashtext('rate:' || p_key));
    if p_sliding then
        update rate_window_slot s set calls = greatest(0, s.calls - p_count)
         where s.bucket_key = p_key and s.second = p_slot;
    else
        update rate_bucket b set tokens = least(p_burst, b.tokens + p_count) where b.bucket_key = p_key;
    end if;
end
$$;

-- Leased batches of a budget (issue 18, docs/decisions/0072-leased-rate-budgets.md). A replica takes up to p_count
-- calls in one decision and spends them locally for a short while, instead of one round trip under the account's
-- advisory lock per provider call; what it did not spend it gives back with rate_return.
--
-- Exact across replicas: leased calls are counted (window) or taken (bucket) before any of them is sent, exactly as
-- rate_take counts a single call, so the sum of every replica's calls never exceeds what rate_take would allow.
-- Fair near the end of a budget: a lease takes at most an eighth of what is left (at least one call), so a busy
-- replica cannot hold the last calls while another is refused; with a single call left a lease is a single call.
-- Same clock, lock and slots as rate_take (V0080); rate_take stays for the replicas of a rolling deploy.
create or replace function rate_lease(p_key text, p_sliding boolean, p_limit int, p_window bigint,
                                      p_rate double precision, p_burst int, p_count int,
                                      p_back int, p_back_slot bigint)
returns table (granted int, remaining int, reset_seconds bigint, wait_millis bigint, slot bigint)
language plpgsql as $$
declare
    v_now     timestamptz      := clock_timestamp();
    v_now_s   double precision := extract(epoch from v_now);
    v_slot    bigint           := rate_slot_seconds(p_window);
    v_start   bigint;
    v_blocked timestamptz;
    v_used    int;
    v_oldest  bigint;
    v_tokens  double precision;
    v_free_ms bigint;
    v_take    int;
begin
    perform pg_advisory_xact_lock(hashtext('rate:' || p_key));
    -- the previous lease's unspent calls go back in the same round trip as the next lease is taken
    if p_back > 0 then
        perform rate_return(p_key, p_sliding, p_back_slot, p_back, p_burst);
    end if;

    select b.blocked_until into v_blocked from rate_bucket b where b.bucket_key = p_key;
    if v_blocked is not null and v_blocked > v_now then
        v_free_ms := ceil(extract(epoch from (v_blocked - v_now)) * 1000);
        return query select 0, 0, (v_free_ms + 999) / 1000, v_free_ms, null::bigint;
        return;
    end if;

    if p_sliding then
        delete from rate_window_slot s
         where s.bucket_key = p_key and s.second <= floor(v_now_s - v_slot - p_window)::bigint;
        select coalesce(sum(s.calls), 0), min(s.second) into v_used, v_oldest
          from rate_window_slot s where s.bucket_key = p_key;
        v_free_ms := case when v_oldest is null then 0
                          else ceil(((v_oldest + v_slot + p_window) - v_now_s) * 1000) end;
        if v_used >= p_limit then
            return query select 0, 0, greatest(0, (v_free_ms + 999) / 1000), greatest(1, v_free_ms), null::bigint;
            return;
        end if;
        v_take  := least(greatest(p_count, 1), greatest(1, (p_limit - v_used) / 8));
        v_start := (floor(v_now_s)::bigint / v_slot) * v_slot;
        insert into rate_window_slot as s (bucket_key, second, calls) values (p_key, v_start, v_take)
            on conflict (bucket_key, second) do update set calls = s.calls + excluded.calls;
        return query select v_take, p_limit - v_used - v_take,
            case when v_oldest is null then p_window else greatest(0, (v_free_ms + 999) / 1000) end,
            0::bigint, v_start;
        return;
    end if;

    insert into rate_bucket as b (bucket_key, tokens, updated_at) values (p_key, p_burst, v_now)
        on conflict (bucket_key) do update set
            tokens = least(p_burst, b.tokens + p_rate * extract(epoch from (excluded.updated_at - b.updated_at))),
            updated_at = excluded.updated_at
        returning b.tokens into v_tokens;
    if v_tokens < 1 then
        return query select 0, 0, ceil((p_burst - v_tokens) / p_rate)::bigint,
            ceil((1 - v_tokens) / p_rate * 1000)::bigint, null::bigint;
        return;
    end if;
    v_take := least(greatest(p_count, 1), greatest(1, floor(v_tokens / 8)::int));
    update rate_bucket b set tokens = b.tokens - v_take where b.bucket_key = p_key;
    return query select v_take, floor(v_tokens - v_take)::int,
        ceil((p_burst - (v_tokens - v_take)) / p_rate)::bigint, 0::bigint, null::bigint;
end
$$;
