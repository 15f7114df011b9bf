#!/usr/bin/env bash
# ./interlink cluster [soak]: several replicas of every service on one machine, behind HAProxy, on one private
# PostgreSQL, with the provider sandbox and a demo tenant. `soak` adds mixed traffic (scripts/soak/SoakDriver.java)
# while replicas are SIGKILLed and restarted one after another and PostgreSQL is restarted once, then checks the
# invariants and writes the figures into docs/benchmarks.md.
#
# The PostgreSQL here is a cluster of its own (initdb into .interlink/cluster/pg, port 55432): the soak restarts it,
# and the shared server on 5432 that other work uses is never touched.
set -euo pipefail

# shellcheck source=../interlink
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/interlink"

CL="$HOME_DIR/cluster"
RUN="$CL/run"
LOGS="$CL/logs"
PGDATA_DIR="$CL/pg"
PG_PORT="${INTERLINK_CLUSTER_PG_PORT:-55432}"
BASE="${INTERLINK_CLUSTER_BASE_PORT:-18000}"
LB_API=$((BASE + 80)) LB_LINK=$((BASE + 81)) LB_ADMIN=$((BASE + 82)) LB_STATS=$((BASE + 99))
SANDBOX_PORT=$((BASE + 90))
API_REPLICAS=3 LINK_REPLICAS=2
DB_NAME="${INTERLINK_CLUSTER_DB:-interlink}"

cluster_usage() {
  cat <<EOF
Usage: ./interlink cluster [--help]
       ./interlink cluster soak [--minutes N]   (default 4)

cluster  starts a private PostgreSQL (initdb + pg_ctl of /usr/lib/postgresql/*/bin, data in .interlink/cluster/pg,
         port $PG_PORT), migrates once, then the provider sandbox (:$SANDBOX_PORT), 3 platform-api, 2 link-ui and
         1 admin-ui replicas, and HAProxy (installed by scripts/ensure-haproxy.sh when missing) in front of them:
           API       http://127.0.0.1:$LB_API      (round robin, readiness-checked: /health/readiness)
           link-ui   http://127.0.0.1:$LB_LINK      (sticky by cookie: Vaadin sessions live in one replica)
           admin-ui  http://127.0.0.1:$LB_ADMIN
           HAProxy statistics http://127.0.0.1:$LB_STATS/
         A demo tenant is created (credentials in .interlink/cluster/demo-tenant.json). Ctrl-C stops everything.
         Replica ports: platform-api $((BASE + 100))-$((BASE + 102)) (management $((BASE + 110))-$((BASE + 112))),
         link-ui $((BASE + 120))-$((BASE + 121)) (management $((BASE + 140))-$((BASE + 141))), admin-ui $((BASE + 130))
         (management $((BASE + 150))); GET /metrics on a management port is Prometheus text. Logs and pid files in .interlink/cluster/.
         INTERLINK_CLUSTER_BASE_PORT (default 18000) moves every port; INTERLINK_CLUSTER_PG_PORT the database's.

soak     holds the build lock (/tmp/interlink-build.lock) while it runs, starts the cluster on a fresh database,
         runs scripts/soak/SoakDriver.java (unified reads, writes with Idempotency-Key and same-key client retries,
         proxy calls, link flows, webhook deliveries to a local receiver) for N minutes while platform-api and
         link-ui replicas are SIGKILLed and restarted one after another and the private PostgreSQL is restarted
         once, then checks: failures only in flight on a killed replica or during the database restart, no
         duplicate at the sandbox for a retried key, 0 provider 429s, change polls once per period, every outbox
         event delivered, no advisory lock held, heap after GC flat. Prints the figures and replaces the
         "Cluster soak" section of docs/benchmarks.md. Exits 1 when an invariant fails.
EOF
}

# --- private PostgreSQL ----------------------------------------------------------------------------

pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
  [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]] || die "initdb/pg_ctl not found under /usr/lib/postgresql/*/bin (install postgresql)"
  echo "$dir"
}

# PostgreSQL refuses to run as root: as root the cluster belongs to the postgres user, who needs to traverse
# .interlink/ (711: it can enter, not list; the keys and tenant files in it stay 600).
as_pg() {
  if [[ "$(id -u)" -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_init() {
  local bin; bin="$(pg_bin)"
  mkdir -p "$CL"
  if [[ "$(id -u)" -eq 0 ]]; then chmod 711 "$HOME_DIR" "$CL"; fi
  if [[ ! -f "$PGDATA_DIR/PG_VERSION" ]]; then
    say "Creating the private PostgreSQL cluster in $PGDATA_DIR"
    mkdir -p "$PGDATA_DIR"
    [[ "$(id -u)" -eq 0 ]] && chown postgres:postgres "$PGDATA_DIR"
    chmod 700 "$PGDATA_DIR"
    as_pg "$bin/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 >"$CL/initdb.log" 2>&1 \
      || { cat "$CL/initdb.log" >&2; die "initdb failed"; }
    cat >>"$PGDATA_DIR/postgresql.conf" <<CONF
# ./interlink cluster: loopback only, its own port and socket directory (never the shared server's)
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PGDATA_DIR'
max_connections = 200
shared_buffers = 128MB
CONF
  fi
}

pg_start() {
  local bin; bin="$(pg_bin)"
  pg_init
  if ! pg_reachable 127.0.0.1 "$PG_PORT"; then
    as_pg "$bin/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 60 start >/dev/null 9>&- \
      || { tail -n 20 "$PGDATA_DIR/server.log" >&2; die "the private PostgreSQL did not start"; }
  fi
}

pg_stop() {
  local bin; bin="$(pg_bin)"
  [[ -f "$PGDATA_DIR/postmaster.pid" ]] && as_pg "$bin/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null 2>&1 || true
}

# a clean restart (fast shutdown: sessions are terminated, as in a failover or a minor-version upgrade)
pg_restart() {
  local bin; bin="$(pg_bin)"
  as_pg "$bin/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -m fast -w -t 60 restart >/dev/null 9>&-
}

psql_cl() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$DB_NAME" -v ON_ERROR_STOP=1 -qtAX "$@"; }

# --- services --------------------------------------------------------------------------------------

api_port() { echo $((BASE + 100 + $1 - 1)); }
mgmt_port() { echo $((BASE + 110 + $1 - 1)); }
link_port() { echo $((BASE + 120 + $1 - 1)); }
admin_port() { echo $((BASE + 130)); }

common_env() {
  export INTERLINK_DEV_MODE=true INTERLINK_HOME="$CL"
  export INTERLINK_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$DB_NAME" INTERLINK_DB_USER=postgres INTERLINK_DB_PASSWORD=
  export INTERLINK_SANDBOX_PORT="$SANDBOX_PORT" INTERLINK_SANDBOX_DEMO=true
  # the UIs and every link handed out go through the load balancer, never to one replica
  export INTERLINK_API_URL="http://127.0.0.1:$LB_API" INTERLINK_PUBLIC_API_URL="http://127.0.0.1:$LB_API"
  export INTERLINK_LINK_UI_URL="http://127.0.0.1:$LB_LINK"
}

# start_service NAME: api-N, link-ui-N, admin-ui-1 or sandbox; the pid (the JVM's own) goes to run/NAME.pid
start_service() {
  local name="$1" n="${1##*-}" log="$LOGS/$1.log"
  echo "=== $(date -u +%FT%TZ) start" >>"$log"
  case "$name" in
    api-*)
      (INTERLINK_API_PORT="$(api_port "$n")" INTERLINK_MANAGEMENT_PORT="$(mgmt_port "$n")" \
        exec java $(java_opts) -Xmx512m -jar "$API_JAR" >>"$log" 2>&1 9>&-) & ;;
    link-ui-*)
      (INTERLINK_LINK_UI_PORT="$(link_port "$n")" INTERLINK_LINK_UI_MANAGEMENT_PORT=$((BASE + 140 + n - 1)) \
        exec java $(java_opts) -Xmx384m -cp "$LINK_UI_JAR:$ROOT/link-ui/target/lib/*" dev.interlink.link.LinkUiMain >>"$log" 2>&1 9>&-) & ;;
    admin-ui-*)
      (INTERLINK_ADMIN_UI_PORT="$(admin_port)" INTERLINK_ADMIN_UI_MANAGEMENT_PORT=$((BASE + 150)) \
        exec java $(java_opts) -Xmx384m -cp "$ADMIN_UI_JAR:$ROOT/admin-ui/target/lib/*" dev.interlink.admin.AdminUiMain >>"$log" 2>&1 9>&-) & ;;
    sandbox)
      (INTERLINK_SANDBOX_PORT="$SANDBOX_PORT" exec java $(java_opts) -Xmx1g -jar "$SANDBOX_JAR" >>"$log" 2>&1 9>&-) & ;;
    *) die "unknown service $name" ;;
  esac
  echo $! >"$RUN/$name.pid"
}

service_url() {
  local name="$1" n="${1##*-}"
  case "$name" in
    api-*) echo "http://127.0.0.1:$(api_port "$n")/health/readiness" ;;
    link-ui-*) echo "http://127.0.0.1:$(link_port "$n")/interlink-link.js" ;;
    admin-ui-*) echo "http://127.0.0.1:$(admin_port)/" ;;
    sandbox) echo "http://127.0.0.1:$SANDBOX_PORT/_sandbox/health" ;;
  esac
}

# waits (bounded) until NAME answers 200 on its readiness URL; returns 1 when it does not
await_service() {
  local name="$1" bound="${2:-180}" start=$SECONDS
  while (( SECONDS - start < bound )); do
    curl -fsS -o /dev/null --max-time 3 "$(service_url "$name")" 2>/dev/null && return 0
    kill -0 "$(cat "$RUN/$name.pid")" 2>/dev/null || { tail -n 20 "$LOGS/$name.log" >&2; return 1; }
    sleep 0.5
  done
  tail -n 20 "$LOGS/$name.log" >&2
  return 1
}

stop_service() {
  local name="$1" sig="${2:-TERM}" pid
  [[ -f "$RUN/$name.pid" ]] || return 0
  pid="$(cat "$RUN/$name.pid")"
  kill "-$sig" "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$RUN/$name.pid"
}

all_services() {
  local i
  echo sandbox
  for i in $(seq 1 $API_REPLICAS); do echo "api-$i"; done
  for i in $(seq 1 $LINK_REPLICAS); do echo "link-ui-$i"; done
  echo admin-ui-1
}

haproxy_config() {
  local i
  {
    cat <<CFG
# written by scripts/cluster.sh for ./interlink cluster; not an example for production (the chart is)
global
    maxconn 4096
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # a connection refused by a dead replica is retried on another one; a request already sent is never re-sent
    # (retry-on stays conn-failure): a POST in flight on a killed replica fails, and the client decides
    retries 3
    option redispatch
    default-server inter 1s fall 2 rise 2
frontend api
    bind 127.0.0.1:$LB_API
    # which replica answered (or was sending when it died): the soak attributes every failure with it
    http-after-response set-header X-Served-By %s
    default_backend api
backend api
    balance roundrobin
    option httpchk GET /health/readiness
    http-check expect status 200
CFG
    for i in $(seq 1 $API_REPLICAS); do echo "    server api-$i 127.0.0.1:$(api_port "$i") check"; done
    cat <<CFG
frontend link_ui
    bind 127.0.0.1:$LB_LINK
    http-after-response set-header X-Served-By %s
    default_backend link_ui
backend link_ui
    balance roundrobin
    cookie INTERLINK_LB insert indirect nocache httponly
    option httpchk GET /interlink-link.js
CFG
    for i in $(seq 1 $LINK_REPLICAS); do echo "    server link-ui-$i 127.0.0.1:$(link_port "$i") check cookie l$i"; done
    cat <<CFG
frontend admin_ui
    bind 127.0.0.1:$LB_ADMIN
    default_backend admin_ui
backend admin_ui
    option httpchk GET /
    server admin-ui-1 127.0.0.1:$(admin_port) check
listen stats
    bind 127.0.0.1:$LB_STATS
    stats enable
    stats uri /
CFG
  } >"$CL/haproxy.cfg"
}

start_haproxy() {
  "$ROOT/scripts/ensure-haproxy.sh" >/dev/null || die "haproxy is needed (scripts/ensure-haproxy.sh)"
  haproxy_config
  haproxy -c -q -f "$CL/haproxy.cfg" || die "invalid $CL/haproxy.cfg"
  (exec haproxy -db -f "$CL/haproxy.cfg" >>"$LOGS/haproxy.log" 2>&1 9>&-) &
  echo $! >"$RUN/haproxy.pid"
}

stop_cluster() {
  local name
  for name in haproxy admin-ui-1 link-ui-2 link-ui-1 api-3 api-2 api-1 sandbox; do stop_service "$name"; done
  pg_stop
}

# everything up: PostgreSQL, migrations, sandbox, replicas, HAProxy, demo tenant
start_cluster() {
  mkdir -p "$RUN" "$LOGS"
  local port
  for port in "$PG_PORT" "$LB_API" "$LB_LINK" "$LB_ADMIN" "$LB_STATS" "$SANDBOX_PORT" \
      $(for i in 1 2 3; do api_port "$i"; mgmt_port "$i"; done) $(link_port 1) $(link_port 2) $(admin_port) \
      $((BASE + 140)) $((BASE + 141)) $((BASE + 150)); do
    if [[ "$port" == "$PG_PORT" ]] && [[ -f "$PGDATA_DIR/postmaster.pid" ]]; then continue; fi
    port_free "$port" || die "port $port is in use (is another './interlink cluster' running?)"
  done
  [[ -f "$LINK_UI_JAR" && -f "$ADMIN_UI_JAR" && -f "$API_JAR" && -f "$SANDBOX_JAR" ]] || die "jars missing: ./interlink build"
  common_env
  say "Private PostgreSQL on :$PG_PORT"
  pg_start
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc "select 1 from pg_database where datname='$DB_NAME'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "create database \"$DB_NAME\"" >/dev/null
  say "Migrating once (replicas never race on Flyway)"
  java -jar "$API_JAR" migrate >"$LOGS/migrate.log" 2>&1 || { tail -n 20 "$LOGS/migrate.log" >&2; die "migration failed"; }
  say "provider-sandbox on :$SANDBOX_PORT"
  start_service sandbox
  await_service sandbox 90 || die "provider-sandbox did not start"
  sandbox_provider_env
  # the first replica generates the dev keys into .interlink/cluster; the others start once it is ready and reuse them
  say "platform-api x$API_REPLICAS, link-ui x$LINK_REPLICAS, admin-ui x1"
  start_service api-1
  await_service api-1 || die "api-1 did not become ready"
  local name
  for name in api-2 api-3 link-ui-1 link-ui-2 admin-ui-1; do start_service "$name"; done
  for name in api-2 api-3 link-ui-1 link-ui-2 admin-ui-1; do await_service "$name" || die "$name did not become ready"; done
  start_haproxy
  for _ in $(seq 1 30); do curl -fsS -o /dev/null "http://127.0.0.1:$LB_API/health/readiness" 2>/dev/null && break; sleep 0.5; done
  HOME_DIR="$CL" ensure_demo_tenant
  HOME_DIR="$CL" INTERLINK_DEMO_HOST_PORT=$((BASE + 95)) "$ROOT/scripts/demo-setup.sh" "$CL/demo-tenant.json" >>"$LOGS/demo-setup.log" 2>&1 \
    || { tail -n 5 "$LOGS/demo-setup.log" >&2; die "demo setup failed"; }
}

cluster_banner() {
  local cid secret
  cid="$(json_field client_id <"$CL/demo-tenant.json")"; secret="$(json_field client_secret <"$CL/demo-tenant.json")"
  cat <<EOF

  Interlink cluster is running (dev mode): 3 platform-api, 2 link-ui, 1 admin-ui behind HAProxy

  API (HAProxy)       http://127.0.0.1:$LB_API
  link-ui (HAProxy)   http://127.0.0.1:$LB_LINK
  admin-ui (HAProxy)  http://127.0.0.1:$LB_ADMIN
  HAProxy statistics  http://127.0.0.1:$LB_STATS/
  provider-sandbox    http://127.0.0.1:$SANDBOX_PORT
  PostgreSQL          127.0.0.1:$PG_PORT (private cluster in $PGDATA_DIR)

  Demo tenant API client (stored in $CL/demo-tenant.json):
    client_id      $cid
    client_secret  $secret

  Kill a replica to watch the others carry on: kill -9 \$(cat $RUN/api-2.pid)
EOF
}

cmd_cluster_up() {
  build_if_needed
  trap 'trap - INT TERM EXIT; say Stopping; stop_cluster' INT TERM EXIT
  start_cluster
  cluster_banner
  say "Running. Logs in $LOGS/. Press Ctrl-C to stop."
  while true; do sleep 3600; done
}

# --- soak ------------------------------------------------------------------------------------------

# post-GC heap of one JVM in KB (jcmd GC.run, then GC.heap_info's "used"), or nothing when it cannot be read
heap_after_gc_kb() {
  local pid="$1"
  jcmd "$pid" GC.run >/dev/null 2>&1 || return 0
  jcmd "$pid" GC.heap_info 2>/dev/null | awk '/(generation|heap)/ && /used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub("K,?", "", v); s += v } } END { if (s) print s }'
}

# appends "epoch_ms name pid kb" for every running service
sample_memory() {
  local name pid kb
  for name in $(all_services); do
    [[ -f "$RUN/$name.pid" ]] || continue
    pid="$(cat "$RUN/$name.pid")"
    kb="$(heap_after_gc_kb "$pid")"
    [[ -n "$kb" ]] && echo "$(date +%s%3N) $name $pid $kb" >>"$SOAK/memory.txt"
  done
}

fault() { echo "$(date +%s%3N) $*" >>"$SOAK/faults.txt"; say "soak: $*"; }

# one replica at a time: SIGKILL, a pause in which the others carry the traffic, restart, wait until ready
kill_and_restart() {
  local name="$1"
  fault "kill $name"
  kill -9 "$(cat "$RUN/$name.pid")"
  sleep 8
  fault "start $name"
  start_service "$name"
  await_service "$name" || die "$name did not come back"
  fault "ready $name"
}

restart_postgres() {
  fault "pg-restart begin"
  pg_restart
  fault "pg-restart end"
}

cmd_soak() {
  local minutes=4
  [[ "${1:-}" == --minutes ]] && { minutes="${2:?--minutes N}"; }
  exec 9>/tmp/interlink-build.lock
  say "soak: waiting for the build lock"
  flock 9
  build_if_needed
  SOAK="$CL/soak"; rm -rf "$SOAK"; mkdir -p "$SOAK"
  DB_NAME=interlink_soak
  export INTERLINK_CLUSTER_DB=$DB_NAME
  # change polls every 20 s, so a few-minute soak sees many periods of the cluster-wide scheduled job
  export INTERLINK_CHANGES_POLL_INTERVAL=20s
  trap 'trap - INT TERM EXIT; kill $(jobs -p) 2>/dev/null; stop_cluster' INT TERM EXIT
  pg_start
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "drop database if exists $DB_NAME" >/dev/null
  rm -f "$CL/demo-tenant.json"
  start_cluster

  local seconds=$((minutes * 60)) driver_pid
  say "soak: driving traffic for $minutes min"
  (cd "$ROOT" && exec java -Xmx256m scripts/soak/SoakDriver.java \
      --api "http://127.0.0.1:$LB_API" --link-ui "http://127.0.0.1:$LB_LINK" --sandbox "http://127.0.0.1:$SANDBOX_PORT" \
      --tenant "$CL/demo-tenant.json" --seconds "$seconds" --out "$SOAK" >"$SOAK/driver.log" 2>&1) &
  driver_pid=$!
  local soak_start=$SECONDS sampler_pid
  sleep 25
  # heap after GC of every JVM every 30 s (a restarted replica gets its own series)
  (while true; do sample_memory; sleep 30; done) & sampler_pid=$!
  # the schedule: every platform-api and link-ui replica is killed once, one after another, with the database
  # restarted in the middle; then memory is sampled again and the driver runs to its end
  local victims=(api-1 link-ui-1 api-2 PG api-3 link-ui-2 api-1) v
  local gap=$(( (seconds - 60) / ${#victims[@]} ))
  (( gap < 20 )) && gap=20
  for v in "${victims[@]}"; do
    local t0=$SECONDS
    if [[ "$v" == PG ]]; then restart_postgres; else kill_and_restart "$v"; fi
    local left=$(( gap - (SECONDS - t0) ))
    (( left > 0 )) && (( SECONDS - soak_start + left < seconds - 10 )) && sleep "$left"
    (( SECONDS - soak_start >= seconds - 15 )) && break
  done
  for _ in $(seq 1 240); do [[ -f "$SOAK/traffic-done" ]] && break; kill -0 "$driver_pid" 2>/dev/null || break; sleep 1; done
  [[ -f "$SOAK/traffic-done" ]] || { tail -n 30 "$SOAK/driver.log" >&2; die "the soak driver failed"; }
  kill "$sampler_pid" 2>/dev/null || true
  sample_memory
  say "soak: waiting for the outbox to drain (the driver's receiver is still up)"
  local pending=1
  for _ in $(seq 1 180); do
    pending="$(psql_cl -c "select count(*) from webhook_delivery where status = 'pending'" 2>/dev/null || echo 1)"
    [[ "$pending" == 0 ]] && break
    sleep 1
  done
  touch "$SOAK/stop"
  wait "$driver_pid" || { tail -n 30 "$SOAK/driver.log" >&2; die "the soak driver failed"; }
  soak_checks "$seconds"
}

soak_checks() {
  local seconds="$1"

  # database-side facts, as key=value lines for the report
  local db="$SOAK/db.txt"
  {
    # events published before the soak's endpoint existed (the demo setup's) have no endpoint to go to
    local since="(select min(created_at) from webhook_endpoint)"
    echo "events=$(psql_cl -c "select count(*) from webhook_event")"
    echo "events_since_endpoint=$(psql_cl -c "select count(*) from webhook_event where created_at >= $since")"
    psql_cl -c "select id from webhook_event where created_at >= $since" >"$SOAK/events.txt"
    echo "deliveries_succeeded=$(psql_cl -c "select count(*) from webhook_delivery where status = 'succeeded'")"
    echo "deliveries_pending=$(psql_cl -c "select count(*) from webhook_delivery where status = 'pending'")"
    echo "deliveries_failed=$(psql_cl -c "select count(*) from webhook_delivery where status = 'failed'")"
    echo "events_without_success=$(psql_cl -c "select count(*) from webhook_event e where e.created_at >= $since and not exists (select 1 from webhook_delivery d where d.event_id = e.id and d.status = 'succeeded')")"
    echo "delivery_attempts=$(psql_cl -c "select count(*) from webhook_attempt")"
    local max_adv=0 n
    for _ in 1 2 3 4 5; do
      n="$(psql_cl -c "select count(*) from pg_locks where locktype = 'advisory'")"; (( n > max_adv )) && max_adv=$n; sleep 1
    done
    echo "advisory_locks_max_of_5_idle_samples=$max_adv"
    echo "scheduled_tasks_picked_by_dead=$(psql_cl -c "select count(*) from scheduled_tasks where picked and last_heartbeat < now() - interval '2 minutes'")"
    psql_cl -F' ' -c "select 'poll_runs ' || r.account_id || ' ' || a.provider || ' ' || count(*) || ' ' ||
        coalesce(round(min(r.gap)::numeric, 1), -1) || ' ' || coalesce(round(max(r.gap)::numeric, 1), -1) || ' ' ||
        sum(case when r.overlap then 1 else 0 end)
      from (select account_id, extract(epoch from started_at - lag(started_at) over w) as gap,
                   coalesce(started_at < lag(finished_at) over w, false) as overlap
              from change_poll_run window w as (partition by account_id order by started_at)) r
      join change_account a on a.account_id = r.account_id group by r.account_id, a.provider"
  } >"$db"

  (cd "$ROOT" && java scripts/soak/SoakDriver.java --verdict --out "$SOAK" --seconds "$seconds" \
      --poll-interval 20 --docs "$ROOT/docs/benchmarks.md") | tee "$SOAK/verdict.txt"
  return "${PIPESTATUS[0]}"
}

main_cluster() {
  if wants_help "$@"; then cluster_usage; return 0; fi
  case "${1:-}" in
    "") cmd_cluster_up ;;
    soak) shift; cmd_soak "$@" ;;
    *) cluster_usage >&2; exit 2 ;;
  esac
}

main_cluster "$@"
