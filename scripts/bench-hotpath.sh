#!/usr/bin/env bash
# ./interlink bench hotpath: the overhead of the hot path against its physical limits, on freshly started
# services (docs/benchmarks.md, "The hot path", issue 18).
#
# Starts, each on a free ephemeral port: provider-sandbox (one CATS account, budget raised so no call is
# refused), platform-api (its own fresh database, dev-mode keys in a temporary home) and nginx (a reverse proxy
# to the sandbox that adds the account's static Authorization header: the floor for a proxy hop). Then wrk,
# one target after the other, at 1 and at 16 connections:
#
#   direct        GET {sandbox}/cats/v3/site             the provider itself
#   nginx         GET {nginx}/site                       one reverse-proxy hop, static auth header
#   proxy         GET /proxy/site                        platform-api's proxy
#   unified       GET /unified/ats/candidates?limit=50   platform-api's unified list (direct: per_page=50)
#   tenant        GET /tenant                            auth and one lookup
#
# and prints one table: req/s and p50/p99 per target, and PostgreSQL round trips per call. Round trips are
# counted with pg_stat_statements when the server preloads it (calls of every statement in the bench database),
# otherwise as transactions (xact_commit + xact_rollback of pg_stat_database for the bench database; every
# autocommit statement is one). Nothing else uses the bench database, so the delta is the run's.
#
# Settings (environment): BENCH_DURATION (seconds per run, default 10), BENCH_CONNECTIONS (default "1 16"),
# BENCH_WARMUP (seconds of load before each measured platform-api run, default 40), BENCH_JIT_WAIT (seconds of
# further load, at most, until platform-api's throughput has settled, default 240),
# BENCH_TARGETS (default "direct nginx proxy unified tenant"), BENCH_KEEP=1 (leave services running, print
# their URLs), BENCH_JFR=<dir> (record a JFR profile of platform-api into <dir>/platform-api.jfr).
# The whole run holds the build lock (/tmp/interlink-build.lock): the machine's cores are shared.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${BENCH_DURATION:-10}"
CONNECTIONS="${BENCH_CONNECTIONS:-1 16}"
WARMUP="${BENCH_WARMUP:-40}"
JIT_WAIT="${BENCH_JIT_WAIT:-240}"
TARGETS="${BENCH_TARGETS:-direct nginx proxy unified tenant}"
DB_USER="${TEST_JDBC_USER:-${INTERLINK_DB_USER:-postgres}}"
DB_PASSWORD="${TEST_JDBC_PASSWORD:-${INTERLINK_DB_PASSWORD:-}}"
DB_HOST="${BENCH_DB_HOST:-127.0.0.1}"
DB_PORT="${BENCH_DB_PORT:-5432}"
DB_NAME="${BENCH_DB_NAME:-interlink_bench_hotpath}"
API_JAR="$ROOT/platform-api/target/platform-api.jar"
SANDBOX_JAR="$ROOT/provider-sandbox/target/provider-sandbox.jar"
ADMIN_TOKEN="bench-sandbox-admin"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31mError: %s\033[0m\n' "$*" >&2; exit 1; }

if [[ -z "${BENCH_LOCKED:-}" ]]; then
  say "Waiting for the build lock (/tmp/interlink-build.lock)"
  BENCH_LOCKED=1 exec flock -o /tmp/interlink-build.lock "$0" "$@"
fi

"$ROOT/scripts/ensure-bench-tools.sh" >&2 || die "wrk and nginx are needed (scripts/ensure-bench-tools.sh)"
command -v jq >/dev/null || die "jq is needed"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[[ -f "$API_JAR" && -f "$SANDBOX_JAR" ]] || die "build the jars first: mvn -pl platform-api,provider-sandbox -am package -DskipTests"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
psql_db() { PGPASSWORD="$DB_PASSWORD" psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -qtAX "$@"; }

WORK="$(mktemp -d /tmp/interlink-bench-hotpath.XXXXXX)"
PIDS=()
cleanup() {
  if [[ -n "${BENCH_KEEP:-}" ]]; then return; fi
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_http() {
  local url="$1" name="$2" log="$3"; shift 3
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$@" "$url" 2>/dev/null && return 0
    sleep 0.5
  done
  tail -n 30 "$log" >&2 || true
  die "$name did not become ready at $url"
}

# --- services ------------------------------------------------------------------------------------
JAVA_OPTS="${BENCH_JAVA_OPTS:--XX:+UseSerialGC -Xss512k}"
SANDBOX_PORT="$(free_port)"
say "provider-sandbox on :$SANDBOX_PORT"
INTERLINK_SANDBOX_PORT="$SANDBOX_PORT" INTERLINK_SANDBOX_ADMIN_TOKEN="$ADMIN_TOKEN" \
  java $JAVA_OPTS -Xmx1g -jar "$SANDBOX_JAR" >"$WORK/sandbox.log" 2>&1 & PIDS+=($!)
SANDBOX="http://127.0.0.1:$SANDBOX_PORT"
wait_http "$SANDBOX/_sandbox/health" provider-sandbox "$WORK/sandbox.log" -H "X-Sandbox-Admin-Token: $ADMIN_TOKEN"
sb() { curl -fsS -H "X-Sandbox-Admin-Token: $ADMIN_TOKEN" -H 'Content-Type: application/json' "$@"; }
# two accounts with the same data: one for the direct and nginx runs (no budget worth the name), one connected to
# platform-api with the same budget at the sandbox and in our catalog (so the provider's X-Rate-Limit-Remaining
# agrees with our count, as it does in production)
ACCOUNT="$(sb -X POST -d '{"provider":"cats","seed":18,"candidates":1000}' "$SANDBOX/_sandbox/accounts")"
ACCOUNT_ID="$(jq -r .account_id <<<"$ACCOUNT")"; API_KEY="$(jq -r .api_key <<<"$ACCOUNT")"
BASE_URL="$(jq -r .base_url <<<"$ACCOUNT")"
sb -X PUT -d '{"requests":1000000,"per_seconds":1}' "$SANDBOX/_sandbox/accounts/$ACCOUNT_ID/limits" >/dev/null
CONNECTED="$(sb -X POST -d '{"provider":"cats","seed":18,"candidates":1000}' "$SANDBOX/_sandbox/accounts")"
sb -X PUT -d '{"requests":1000000,"per_seconds":3600}' \
  "$SANDBOX/_sandbox/accounts/$(jq -r .account_id <<<"$CONNECTED")/limits" >/dev/null
# every provider's base URL points at this sandbox (as ./interlink up does)
while IFS=$'\t' read -r id path; do
  id="$(printf '%s' "$id" | tr '[:lower:]-' '[:upper:]_')"
  export "INTERLINK_PROVIDER_${id}_BASE_URL=$SANDBOX$path"
done < <(sb "$SANDBOX/_sandbox/providers" | jq -r '.[] | [.id, .base_path] | @tsv')

say "fresh database $DB_NAME"
psql_db -d postgres -c "drop database if exists \"$DB_NAME\" with (force)" >/dev/null
psql_db -d postgres -c "create database \"$DB_NAME\"" >/dev/null
if psql_db -d "$DB_NAME" -c "create extension if not exists pg_stat_statements" >/dev/null 2>&1 \
   && psql_db -d "$DB_NAME" -c "select count(*) from pg_stat_statements" >/dev/null 2>&1; then
  COUNTING=statements
else
  COUNTING=transactions
fi

API_PORT="$(free_port)"; MGMT_PORT="$(free_port)"
export INTERLINK_DB_URL="jdbc:postgresql://$DB_HOST:$DB_PORT/$DB_NAME" INTERLINK_DB_USER="$DB_USER" \
  INTERLINK_DB_PASSWORD="$DB_PASSWORD" INTERLINK_DEV_MODE=true INTERLINK_HOME="$WORK/home" \
  INTERLINK_API_PORT="$API_PORT" INTERLINK_MANAGEMENT_PORT="$MGMT_PORT" INTERLINK_CHANGES_ENABLED=false INTERLINK_IMPORTS_ENABLED=false \
  INTERLINK_WEBHOOKS_WORKER_ENABLED=false
mkdir -p "$WORK/home"
API_PROPS=(-Dinterlink.inbound-rate.per-second=10000000 -Dinterlink.inbound-rate.burst=10000000
  -Dinterlink.provider.cats.rate-limit.limit=1000000)
JFR=()
if [[ -n "${BENCH_JFR:-}" ]]; then
  mkdir -p "$BENCH_JFR"
  JFR=("-XX:StartFlightRecording=filename=$BENCH_JFR/platform-api.jfr,settings=profile,dumponexit=true")
fi
say "migrating, creating the bench tenant"
java -jar "$API_JAR" migrate >"$WORK/migrate.log" 2>&1 || { tail -n 20 "$WORK/migrate.log" >&2; die "migration failed"; }
TENANT="$(java -jar "$API_JAR" tenant create --name "Bench" 2>>"$WORK/migrate.log")" || die "tenant create failed"
say "platform-api on :$API_PORT"
java $JAVA_OPTS -Xmx512m "${JFR[@]}" "${API_PROPS[@]}" -jar "$API_JAR" >"$WORK/api.log" 2>&1 & PIDS+=($!)
API_PID=$!
API="http://127.0.0.1:$API_PORT"
wait_http "$API/health/readiness" platform-api "$WORK/api.log"
TOKEN="$(curl -fsS -d grant_type=client_credentials --data-urlencode "client_id=$(jq -r .client_id <<<"$TENANT")" \
  --data-urlencode "client_secret=$(jq -r .client_secret <<<"$TENANT")" "$API/oauth/token" | jq -r .access_token)"
IA="$(curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "$(jq -cn --arg k "$(jq -r .api_key <<<"$CONNECTED")" '{provider:"cats", end_user:{id:"bench"}, credentials:{api_key:$k}}')" \
  "$API/integrated-accounts" | jq -r .id)"

NGINX_PORT="$(free_port)"
mkdir -p "$WORK/nginx"
cat >"$WORK/nginx/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
  uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
  upstream sandbox { server 127.0.0.1:$SANDBOX_PORT; keepalive 32; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass ${BASE_URL/http:\/\/127.0.0.1:$SANDBOX_PORT/http://sandbox}/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Authorization "Token $API_KEY";
    }
  }
}
CONF
say "nginx on :$NGINX_PORT"
"$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" >"$WORK/nginx.log" 2>&1 & PIDS+=($!)
wait_http "http://127.0.0.1:$NGINX_PORT/site" nginx "$WORK/nginx.log"

if [[ -n "${BENCH_KEEP:-}" ]]; then
  echo "sandbox=$SANDBOX api=$API nginx=http://127.0.0.1:$NGINX_PORT account=$IA work=$WORK pids=${PIDS[*]}"
  echo "TOKEN=$TOKEN"
fi

# --- runs ----------------------------------------------------------------------------------------
# url and auth header of a target
target() {
  case "$1" in
    direct)  echo "$BASE_URL/site"; echo "Authorization: Token $API_KEY" ;;
    nginx)   echo "http://127.0.0.1:$NGINX_PORT/site"; echo "X-Bench: nginx" ;;
    proxy)   echo "$API/proxy/site?integrated_account_id=$IA"; echo "Authorization: Bearer $TOKEN" ;;
    unified) echo "$API/unified/ats/candidates?limit=50&integrated_account_id=$IA"; echo "Authorization: Bearer $TOKEN" ;;
    unified-direct) echo "$BASE_URL/candidates?per_page=50"; echo "Authorization: Token $API_KEY" ;;
    tenant)  echo "$API/tenant"; echo "Authorization: Bearer $TOKEN" ;;
    *) die "unknown target $1" ;;
  esac
}

round_trips() {
  if [[ "$COUNTING" == statements ]]; then
    psql_db -d "$DB_NAME" -c "select coalesce(sum(calls),0) from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = '$DB_NAME'"
  else
    # a PostgreSQL 15 backend publishes its counters at most once a second, and an idle one after 10 s
    sleep 11
    psql_db -d postgres -c "select xact_commit + xact_rollback from pg_stat_database where datname = '$DB_NAME'"
  fi
}

# wrk's latency distribution lines "50%  1.23ms" → milliseconds
ms() { awk -v p="$1" '$1 == p { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
       if (u == "us") v /= 1000; else if (u == "s") v *= 1000; printf "%.2f", v }'; }

ROWS=()
WARM_NOTES=()
for name in $TARGETS; do
  [[ "$name" == unified ]] && set -- unified-direct unified || set -- "$name"
  for t in "$@"; do
    mapfile -t tg < <(target "$t")
    for c in $CONNECTIONS; do
      threads=$(( c < 2 ? 1 : 2 ))
      counted=false
      case "$t" in proxy|unified|tenant) counted=true ;; esac
      # warm-up (JIT, pools, caches), then the measured run. platform-api's C2 compiler shares the two cores with
      # wrk and the sandbox: after 3 s its throughput is half of what it is after a minute, so it gets
      # BENCH_WARMUP seconds at 16 connections, whatever the measured run's count: more requests, sooner compiled
      # (the sandbox and nginx are warm within 3 s)
      # BENCH_WARMUP seconds were not always enough: on 2026-12-04 the proxy still ran at a third of its later speed
      # after them, with C2 compiling most of the time. So the load goes on, 10 s at a time, until a round is less than
      # 5% faster than the one before, for at most BENCH_JIT_WAIT seconds; the notes under the table say how long.
      if $counted; then
        wrk -t2 -c16 -d"${WARMUP}s" -H "${tg[1]}" "${tg[0]}" >/dev/null 2>&1 || true
        waited=0; prev=0; now=1
        while (( waited < JIT_WAIT )) && ! awk -v a="$prev" -v b="$now" 'BEGIN { exit !(a > 0 && (b - a) / a < 0.05) }'; do
          prev="$now"
          now="$(wrk -t2 -c16 -d10s -H "${tg[1]}" "${tg[0]}" 2>/dev/null | awk '/^Requests\/sec/ { printf "%.0f", $2 }')"
          waited=$(( waited + 10 ))
        done
        WARM_NOTES+=("$t/$c +${waited}s (last rounds $prev, $now req/s)")
      else
        wrk -t"$threads" -c"$c" -d3s -H "${tg[1]}" "${tg[0]}" >/dev/null 2>&1 || true
      fi
      before=0; after=0
      $counted && before="$(round_trips)"
      out="$(wrk -t"$threads" -c"$c" -d"${DURATION}s" --latency -H "${tg[1]}" "${tg[0]}")"
      $counted && after="$(round_trips)"
      requests="$(awk '/requests in/ { print $1 }' <<<"$out")"
      rps="$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")"
      p50="$(ms 50% <<<"$out")"; p99="$(ms 99% <<<"$out")"
      non2xx="$(awk '/Non-2xx/ { print $NF }' <<<"$out")"
      errors="$(awk '/Socket errors/ { print }' <<<"$out")"
      trips="-"
      case "$t" in proxy|unified|tenant)
        # the counting queries themselves are in the delta: 1 (transactions) or 1 (statements) per reading
        trips="$(awk -v a="$after" -v b="$before" -v n="$requests" 'BEGIN { printf "%.2f", (a - b - 1) / n }')" ;;
      esac
      ROWS+=("$(printf '| %-15s | %2s | %8s | %8s | %8s | %6s | %s%s' "$t" "$c" "$rps" "$p50" "$p99" "$trips" \
        "${non2xx:-0}" "${errors:+ $errors}")")
      echo "BENCH hotpath target=$t connections=$c requests=$requests rps=$rps p50_ms=$p50 p99_ms=$p99 round_trips_per_call=$trips non2xx=${non2xx:-0}"
    done
  done
done

load="$(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "hot path, $(date -u '+%Y-%m-%d %H:%M UTC'), ${DURATION}s per run after ${WARMUP}s of warm-up (and until settled, below), $(nproc) cores, load average $load; round trips counted as $COUNTING"
echo "| target          |  c |    req/s |  p50 ms  |  p99 ms  | PG/call | non-2xx"
echo "|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${ROWS[@]}"
echo
echo "further warm-up until 16-connection throughput settled: ${WARM_NOTES[*]:-none}"
