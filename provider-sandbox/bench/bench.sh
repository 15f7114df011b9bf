#!/usr/bin/env bash
# Reproduces provider-sandbox/BENCHMARKS.md. Needs: wrk, curl, python3, jcmd; a built target/provider-sandbox.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18091}
B=http://127.0.0.1:$PORT
A='X-Sandbox-Admin-Token: sandbox-admin'
INTERLINK_SANDBOX_PORT=$PORT java -Xmx1g -jar target/provider-sandbox.jar > /tmp/sandbox-bench.log 2>&1 &
PID=$!
trap 'kill $PID' EXIT
sleep 2
jcmd $PID GC.run >/dev/null; echo "idle heap:"; jcmd $PID GC.heap_info | sed -n 2p
ID=$(curl -s -X POST $B/_sandbox/accounts -H "$A" -d '{"provider":"cats","seed":42,"candidates":100000,"api_key":"bench-cats"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["account_id"])')
curl -s -X PUT $B/_sandbox/accounts/$ID/limits -H "$A" -d '{"requests":1000000,"per_seconds":3600}' >/dev/null
ID2=$(curl -s -X POST $B/_sandbox/accounts -H "$A" -d '{"provider":"loxo","seed":42,"candidates":100000,"api_key":"bench-loxo","agency_slug":"bench"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["account_id"])')
curl -s -X PUT $B/_sandbox/accounts/$ID2/limits -H "$A" -d '{"rate_per_second":1000000,"burst":1000000}' >/dev/null
echo "paging all 100,000 CATS candidates (1000 x per_page=100):"
time (for p in $(seq 1 1000); do curl -s -o /dev/null "$B/cats/v3/candidates?per_page=100&page=$p" -H 'Authorization: Token bench-cats'; done)
jcmd $PID GC.run >/dev/null; echo "heap after creating 2 x 100k accounts and paging CATS fully:"; jcmd $PID GC.heap_info | sed -n 2p
echo "warm-up"; wrk -t2 -c32 -d5s -H 'Authorization: Token bench-cats' "$B/cats/v3/candidates?page=7" >/dev/null
echo "== CATS same 25-item page"; wrk -t2 -c32 -d15s -H 'Authorization: Token bench-cats' "$B/cats/v3/candidates?page=7"
echo "== CATS random 25-item pages"; wrk -t2 -c32 -d15s -s bench/random-page.lua "$B"
echo "== CATS single candidate"; wrk -t2 -c32 -d15s -H 'Authorization: Token bench-cats' "$B/cats/v3/candidates/407012345"
echo "== Loxo people page (25)"; wrk -t2 -c32 -d15s -H 'Authorization: Bearer bench-loxo' "$B/loxo/api/bench/people?per_page=25"
jcmd $PID GC.run >/dev/null; echo "heap at the end:"; jcmd $PID GC.heap_info | sed -n 2p
