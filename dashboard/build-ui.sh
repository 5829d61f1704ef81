#!/usr/bin/env bash
# Bundles the dashboard into target/classes/tasker-ui (Maven packs it into the jar): `npm ci` when package-lock.json
# is newer than node_modules, the build when a source is newer than the bundle.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
bundle=target/classes/tasker-ui/index.html

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "The dashboard is built with Node.js 20.19 or newer and npm, and this machine has no node or npm on PATH." >&2
  echo "Install them (e.g. apt-get install nodejs npm) and build again; the server itself needs no Node." >&2
  exit 1
fi
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  echo "The dashboard's build (Vite 8) needs Node.js 20.19 or newer; this machine has $(node --version)." >&2
  exit 1
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
if [ ! -f "$bundle" ] || [ -n "$(find src/main/ui package.json vite.config.ts tsconfig.json -newer "$bundle" -print -quit)" ]; then
  npm run --silent build
fi
