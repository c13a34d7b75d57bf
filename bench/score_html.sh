#!/usr/bin/env bash
# Extract every page of the HTML benchmark with build/winnow and score it.
# Usage: bench/score_html.sh [extra winnow options...]   (e.g. --favor precision)
# Prints score.py's summary and the 10 worst pages.
set -euo pipefail
cd "$(dirname "$0")/.."
bench=../shared/bench
if [ ! -d "$bench/scrapinghub/html" ]; then
  echo "score_html.sh: $bench/scrapinghub/html not found (the shared benchmark data)" >&2
  exit 2
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
build/winnow --mode html "$@" -o "$out" "$bench"/scrapinghub/html/*.html
python3 "$bench/score.py" --truth "$bench/scrapinghub/ground-truth.json" --pred "$out" --worst "${WORST:-10}"
