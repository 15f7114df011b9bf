#!/usr/bin/env bash
# Lints the OpenAPI document with third-party tools nobody here wrote: Spectral (spectral:oas) and Redocly
# (recommended). Either tool reporting an error fails the script; warnings are printed. The tools are npm packages
# pinned in tools/openapi/package.json + package-lock.json and installed there on first use (npm ci).
#
#   scripts/openapi-check.sh            install if needed, then lint
#   scripts/openapi-check.sh install    install only (OpenApiPrismReplayTest calls this when Prism is missing)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/tools/openapi"
SPEC="${OPENAPI_SPEC:-$ROOT/platform-api/src/main/resources/openapi/interlink-api-0.1.yml}"

install() {
  # reinstall when the lock file changed since the last install
  if [[ ! -f "$TOOLS/node_modules/.installed" || "$TOOLS/package-lock.json" -nt "$TOOLS/node_modules/.installed" ]]; then
    command -v npm >/dev/null || { echo "npm is needed (apt-get install nodejs npm)" >&2; exit 1; }
    (cd "$TOOLS" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
    touch "$TOOLS/node_modules/.installed"
  fi
}

install
[[ "${1:-}" == install ]] && exit 0

cd "$TOOLS"
status=0
echo "==> Spectral (spectral:oas)"
out="$(./node_modules/.bin/spectral lint --ruleset .spectral.yaml --fail-severity error "$SPEC" 2>&1)" || status=1
if [[ $status -ne 0 ]]; then echo "$out" | grep -E ' error ' || true; fi
echo "$out" | tail -n 2
echo "==> Redocly (recommended)"
NO_UPDATE_NOTIFIER=1 REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  ./node_modules/.bin/redocly lint --extends recommended --format summary "$SPEC" 2>&1 \
  | grep -v -E '^\s*(║|╔|╚)' || status=1
exit $status
