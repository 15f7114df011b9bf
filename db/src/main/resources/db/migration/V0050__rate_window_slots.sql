-- Sliding windows count calls per (account, second) instead of one row per call: a window of W seconds
-- then holds at most W + 1 rows, whatever the limit, so the per-call SUM stays cheap even for accounts on
-- generous plans. A call made during second s counts until s + 1 + W: never shorter than the provider's
-- own window, so exactness is kept on the safe side.
drop table rate_window_call;

create table rate_window_slot (
    bucket_key text   not null,
    second     bigint not null,
    calls      int    not null,
    primary key (bucket_key, second)
);
