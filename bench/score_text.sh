#!/usr/bin/env bash
# Score text-mode cleaning on the scraped-text benchmark: run build/winnow
# (built beforehand; this script builds nothing) over every page of
# ../shared/bench/scrapinghub-text/ and print F1, precision, recall and
# accuracy against the gold article text.
#
#   bench/score_text.sh [--favor balanced|precision|recall] [--worst N] [--keep DIR]
#
# Extra winnow options go after `--`, e.g. `bench/score_text.sh -- --no-normalize`.
# WINNOW=path/to/winnow and WINNOW_SHARED=path/to/shared override the defaults.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${WINNOW_SHARED:-$root/../shared}"
bench="$shared/bench"
winnow="${WINNOW:-$root/build/winnow}"

favor=balanced
worst=0
keep=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --favor) favor="$2"; shift 2 ;;
    --worst) worst="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "score_text.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done

[ -x "$winnow" ] || { echo "score_text.sh: $winnow not found; build it first (cmake --build build)" >&2; exit 2; }
[ -d "$bench/scrapinghub-text" ] || { echo "score_text.sh: no benchmark data at $bench" >&2; exit 2; }

if [ -n "$keep" ]; then
  out="$keep"
  mkdir -p "$out"
else
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
fi

"$winnow" --mode text --favor "$favor" -o "$out" "${extra[@]}" "$bench"/scrapinghub-text/*.txt
python3 "$bench/score.py" --truth "$bench/scrapinghub/ground-truth.json" --pred "$out" --worst "$worst"
