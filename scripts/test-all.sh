#!/usr/bin/env bash
# `npm test`: on a fresh machine this alone sets up and runs every test: unit tests (vitest, Node,
# tfjs CPU/WASM), the type check, the production build, and the end-to-end tests in real headless
# Chromium against the built app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
echo "== type check"
npx tsc -p tsconfig.json --noEmit
echo "== unit tests"
npx vitest run
echo "== build"
npx vite build --logLevel warn
echo "== end-to-end (headless Chromium)"
npx playwright test
