#!/usr/bin/env bash
# Installs the js-libp2p test peer's packages (npm ci) when node_modules is missing or older than
# package-lock.json. Run by mvn in generate-test-resources; safe to run by hand.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

stamp=node_modules/.package-lock.json   # written by npm ci / npm install
if [ -f "$stamp" ] && [ ! package-lock.json -nt "$stamp" ] && [ -f node_modules/libp2p/package.json ]; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "npm not found: install Node.js 20 or newer with npm, then run 'npm ci' in $(pwd)" >&2
  exit 1
fi
echo "js test peer: npm ci in $(pwd)"
npm ci --no-audit --no-fund --loglevel=error
