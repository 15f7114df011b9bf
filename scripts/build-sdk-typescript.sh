#!/usr/bin/env bash
# Builds the TypeScript client in sdk-typescript/: installs its pinned npm packages when needed (npm ci), generates
# src/schema.d.ts from the OpenAPI document (openapi-typescript) and compiles with tsc. TypeScriptSdkTest calls this.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../sdk-typescript"
if [[ ! -f node_modules/.installed || package-lock.json -nt node_modules/.installed ]]; then
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
  touch node_modules/.installed
fi
npm run --silent build
