#!/usr/bin/env bash
# Idempotent set-up shared by `npm start` and `npm test`: dependencies from the lockfile, the data
# assets, and (for tests) a Chromium for Playwright to drive. No browser download: Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
[[ "${1:-}" == "--browser" ]] && want_browser=1

# Reinstall when node_modules is missing or older than the lockfile.
if [[ ! -d node_modules || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "setup: installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

node scripts/prepare-data.mjs

if [[ $want_browser == 1 ]]; then
  node scripts/find-browser.mjs >/dev/null 2>&1 || {
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
      echo "setup: installing Debian's chromium for the browser tests"
      (apt-get install -y chromium >/tmp/ssl-playground-apt.log 2>&1) || {
        apt-get update >>/tmp/ssl-playground-apt.log 2>&1
        apt-get install -y chromium >>/tmp/ssl-playground-apt.log 2>&1
      } || { echo "setup: apt-get install chromium failed; see /tmp/ssl-playground-apt.log" >&2; exit 1; }
    fi
    node scripts/find-browser.mjs >/dev/null || {
      echo "setup: no Chromium found. Install one (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary." >&2
      exit 1
    }
  }
fi

# The PyTorch export's tests (src/core/export, e2e/export.spec.ts) run the exported project with torch;
# they skip, saying why, without it. As root on Debian, install Debian's python3-torch (as chromium above).
if [[ $want_browser == 1 ]]; then
  torch_python=""
  for p in "${PYTHON:-}" python3 /usr/bin/python3; do
    [[ -n "$p" ]] && "$p" -c 'import torch' >/dev/null 2>&1 && { torch_python=$p; break; }
  done
  if [[ -z "$torch_python" && $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian's python3-torch for the PyTorch export's tests"
    (apt-get install -y python3-torch >>/tmp/ssl-playground-apt.log 2>&1) || {
      apt-get update >>/tmp/ssl-playground-apt.log 2>&1
      apt-get install -y python3-torch >>/tmp/ssl-playground-apt.log 2>&1
    } || echo "setup: apt-get install python3-torch failed (the export's torch tests will skip); see /tmp/ssl-playground-apt.log" >&2
  fi
fi
