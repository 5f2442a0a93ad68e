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
# Two browsers at a time for the specs that do not time anything (a test spends much of its time
# waiting on the page, so a second one uses the idle core), then the timed ones alone
# (playwright.config.ts, ALONE). Both halves run even when the first fails.
e2e=0
npx playwright test --project=shared --workers=2 || e2e=$?
npx playwright test --project=alone || e2e=$?
exit "$e2e"
