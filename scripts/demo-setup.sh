#!/usr/bin/env bash
# Demo setup, called by `./interlink up` once the demo tenant exists:
#
#   scripts/demo-setup.sh .interlink/demo-tenant.json
#
# - allows the demo host page (scripts/demo-host) to embed the link widget (tenant allowed_origins),
# - imports every demo account the provider sandbox offers (GET /_sandbox/demo-accounts) into the demo tenant
#   (once: re-runs keep them),
# - writes a short summary to .interlink/demo-accounts.txt (the launcher prints it in its banner).
# Starts nothing. Needs curl and jq. Not part of the product surface.
set -euo pipefail

TENANT_FILE="${1:-${INTERLINK_HOME:-.interlink}/demo-tenant.json}"
API="${INTERLINK_API_URL:-http://127.0.0.1:${INTERLINK_API_PORT:-8080}}"
DEMO_HOST_PORT="${INTERLINK_DEMO_HOST_PORT:-8095}"
OUT="$(dirname "$TENANT_FILE")/demo-accounts.txt"

fail() { echo "demo-setup: $*" >&2; exit 1; }
command -v jq >/dev/null || fail "jq is needed"
[[ -f "$TENANT_FILE" ]] || fail "no tenant file at $TENANT_FILE"

CLIENT_ID="$(jq -r '.client_id // empty' "$TENANT_FILE")"
CLIENT_SECRET="$(jq -r '.client_secret // empty' "$TENANT_FILE")"
[[ -n "$CLIENT_ID" && -n "$CLIENT_SECRET" ]] || fail "$TENANT_FILE has no client_id/client_secret"

TOKEN="$(curl -fsS --max-time 10 -d grant_type=client_credentials --data-urlencode "client_id=$CLIENT_ID" \
  --data-urlencode "client_secret=$CLIENT_SECRET" "$API/oauth/token" | jq -r .access_token)" \
  || fail "could not get an access token from $API/oauth/token"
[[ -n "$TOKEN" && "$TOKEN" != null ]] || fail "no access_token from $API/oauth/token"

# curl with the bearer token; prints the body, fails (with the body on stderr) on HTTP >= 400
api() {
  local method="$1" path="$2" body="${3:-}" out status
  out="$(mktemp)"
  status="$(curl -sS --max-time 30 -o "$out" -w '%{http_code}' -X "$method" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -H 'Accept: application/json' \
    ${body:+--data "$body"} "$API$path")" || { rm -f "$out"; fail "$method $path: platform-api unreachable"; }
  if (( status >= 400 )); then
    echo "demo-setup: $method $path answered $status: $(cat "$out")" >&2
    rm -f "$out"; return 1
  fi
  cat "$out"; rm -f "$out"
}

# 1. The demo host's origins may embed the link widget (keeps any origins already there).
ORIGINS="$(api GET /tenant | jq -c --arg a "http://localhost:$DEMO_HOST_PORT" --arg b "http://127.0.0.1:$DEMO_HOST_PORT" \
  '(.allowed_origins // []) + [$a, $b] | unique')"
api PATCH /tenant "$(jq -cn --argjson o "$ORIGINS" '{allowed_origins: $o}')" >/dev/null

# 2. The sandbox's demo accounts, imported once (looked up by end user id on re-runs).
account_for() {
  local provider="$1" end_user="$2" credentials="$3" id
  id="$(api GET "/integrated-accounts?provider=$provider&end_user_id=$end_user" \
    | jq -r '(.result // .data // .items // [])[0].id // empty')"
  if [[ -z "$id" ]]; then
    id="$(api POST /integrated-accounts \
      "$(jq -cn --arg p "$provider" --arg u "$end_user" --argjson c "$credentials" \
        '{provider: $p, end_user: {id: $u}, credentials: $c}')" | jq -r .id)" || return 1
  fi
  echo "$id"
}

SANDBOX="http://127.0.0.1:${INTERLINK_SANDBOX_PORT:-8090}"
DEMO="$(curl -fsS --max-time 10 -H "X-Sandbox-Admin-Token: ${INTERLINK_SANDBOX_ADMIN_TOKEN:-sandbox-admin}" \
  "$SANDBOX/_sandbox/demo-accounts")" || fail "the sandbox at $SANDBOX lists no demo accounts"
LINES=""
while IFS=$'\t' read -r provider name credentials; do
  id="$(account_for "$provider" "demo-customer-$provider" "$credentials")" || id="(import failed: see above)"
  LINES+="$(printf '    %-6s %s   (end user demo-customer-%s)' "$name" "$id" "$provider")"$'\n'
done < <(jq -r '.[] | [.provider, .name, (.credentials | tojson)] | @tsv' <<<"$DEMO")

umask 077
cat >"$OUT" <<EOF
  Demo accounts (sandbox data, imported into the demo tenant; credentials: GET $SANDBOX/_sandbox/demo-accounts):
$LINES
  Demo host page (a pretend tenant app embedding the link widget):
    http://localhost:$DEMO_HOST_PORT/
EOF
echo "demo-setup: done ($OUT)" >&2
