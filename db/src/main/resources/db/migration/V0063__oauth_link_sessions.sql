-- One OAuth 2.0 authorization in progress from the link UI: created by GET /link/oauth/{provider}/start, consumed
-- (once) by GET /oauth/callback. state_sha256 is the SHA-256 of the state parameter (256 random bits; the state
-- itself is only in the browser's URL); code_verifier is the PKCE verifier (S256), which never leaves the server.
-- notify_origin is the exact link-ui origin the callback page posts its outcome to; return_to (redirect mode only)
-- is the link-ui URL the callback redirects back to. Rows live 10 minutes and are deleted with their link token.
create table oauth_link_session (
    id            uuid primary key,
    state_sha256  text        not null unique,
    tenant_id     uuid        not null references tenant (id),
    link_token_id uuid        not null references link_token (id) on delete cascade,
    provider      text        not null,
    mode          text        not null check (mode in ('popup', 'redirect')),
    notify_origin text        not null,
    return_to     text,
    code_verifier text        not null,
    created_at    timestamptz not null,
    expires_at    timestamptz not null,
    consumed_at   timestamptz
);
create index oauth_link_session_expires on oauth_link_session (expires_at);
create index oauth_link_session_link_token on oauth_link_session (link_token_id);
