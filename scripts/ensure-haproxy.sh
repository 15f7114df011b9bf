#!/usr/bin/env bash
# Idempotently installs Debian's haproxy (the load balancer in front of the replicas of `./interlink cluster`).
# Exits 0 without touching apt when it is already installed.
set -euo pipefail

if command -v haproxy >/dev/null 2>&1; then
  echo "haproxy already installed: $(haproxy -v 2>/dev/null | head -n1)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

# Refresh the package lists only when apt does not know the package yet (or has no lists at all).
if ! apt-cache show haproxy >/dev/null 2>&1; then
  $SUDO apt-get update
fi
# the package's own service is not wanted: the cluster runs haproxy in the foreground with its own config
$SUDO apt-get install -y --no-install-recommends haproxy
echo "installed: $(haproxy -v 2>/dev/null | head -n1)"
