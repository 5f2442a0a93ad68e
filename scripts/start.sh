#!/usr/bin/env bash
# `npm start`: set up if needed, then serve the app at http://127.0.0.1:5173 (Vite dev server).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "SSL Playground: open http://127.0.0.1:5173/"
exec npx vite --port "${PORT:-5173}" --strictPort
