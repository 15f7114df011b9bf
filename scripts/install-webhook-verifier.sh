#!/usr/bin/env bash
# Installs the webhook signature verifier used by platform-api's tests (npm standardwebhooks, exact version pinned
# in platform-api/src/test/node/package.json). The tests call this when node_modules is missing.
set -euo pipefail
cd "$(dirname "$0")/../platform-api/src/test/node"
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
else
  npm install --no-audit --no-fund --ignore-scripts --loglevel=error
fi
