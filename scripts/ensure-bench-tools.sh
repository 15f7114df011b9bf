#!/usr/bin/env bash
# Idempotently installs Debian's wrk (the HTTP load generator of ./interlink bench hotpath) and nginx (the reverse
# proxy whose hop is the floor the proxy route is measured against). Exits 0 without touching apt when both exist.
set -euo pipefail

have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

if have wrk && have nginx && command -v wrk >/dev/null && { command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; }; then
  echo "wrk and nginx already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

if ! apt-cache show wrk >/dev/null 2>&1 || ! apt-cache show nginx >/dev/null 2>&1; then
  $SUDO apt-get update
fi
# the package's own service is never started by us: the benchmark runs nginx in the foreground with its own config
$SUDO apt-get install -y --no-install-recommends wrk nginx
echo "installed: wrk $(dpkg-query -W -f='${Version}' wrk), nginx $(dpkg-query -W -f='${Version}' nginx)"
