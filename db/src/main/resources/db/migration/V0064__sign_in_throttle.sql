-- Sign-in throttling (docs/security.md "Admin sign-in"): one row per throttled key, `email:<sha-256 of the lower-cased
-- email>` or `addr:<client address>`. An attempt is reserved atomically BEFORE the password hash is computed (the
-- row counts it as a failure up front and pushes `blocked_until` by a delay that grows with the failures), so
-- parallel guesses cannot all pass a check, and a success deletes the row. Replaces admin_user's hard lock-out,
-- which anyone could trigger for a known email and which ended the admin's live sessions.
-- admin_user.failed_attempts / locked_until are no longer read or written; they stay until the next release so
-- that replicas of the previous release keep working during a rolling deploy.
create table sign_in_attempt (
    key           text        primary key,
    failures      int         not null,
    blocked_until timestamptz not null,
    updated_at    timestamptz not null
);
create index sign_in_attempt_updated on sign_in_attempt (updated_at);
