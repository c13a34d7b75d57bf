#!/usr/bin/env bash
# First-time set-up: install what is missing, build build/winnow, and show it
# cleaning the pages in samples/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target winnow_cli

for f in samples/*; do
  printf '\n===== %s =====\n' "$f"
  build/winnow --title "$f"
done
