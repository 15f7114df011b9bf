#!/usr/bin/env bash
# Idempotently installs Debian's chromium + chromium-driver (used for screenshots and browser E2E tests).
# Exits 0 without touching apt when both are already installed.
set -euo pipefail

have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

if have chromium && have chromium-driver && command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  echo "chromium and chromium-driver already installed: $(chromium --version 2>/dev/null | tail -n1)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

# Refresh the package lists only when apt does not know the packages yet (or has no lists at all).
if ! apt-cache show chromium >/dev/null 2>&1 || ! apt-cache show chromium-driver >/dev/null 2>&1; then
  $SUDO apt-get update
fi
$SUDO apt-get install -y chromium chromium-driver
echo "installed: $(chromium --version 2>/dev/null | tail -n1)"
