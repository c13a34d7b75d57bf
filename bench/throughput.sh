#!/usr/bin/env bash
# Whole-tool throughput: the winnow CLI over the benchmark pages, as HTML and
# as scraped text, at -j 1 and -j 2, with peak memory, and the bare-Gumbo
# parse of the same HTML beside it (bench/gumbo_bare.cpp). Figures and how to
# read them: docs/PERFORMANCE.md.
#
#   bench/throughput.sh                 # 5 runs per figure, medians
#   RUNS=9 TEXT_REPEAT=40 bench/throughput.sh
#
# Each run is one process over the whole set (text: the set TEXT_REPEAT
# times, so a run lasts long enough to time); output goes to /dev/null. The
# "2 x -j1 at once" rows run two such processes side by side: the ceiling
# the machine sets for -j2.
# Figures: pages/s and MB/s of input from wall time, the same from CPU time
# (user + system; on a busy machine the CPU figure is the steadier one),
# and the largest peak RSS of any run.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
TEXT_REPEAT=${TEXT_REPEAT:-20}
HTML_REPEAT=${HTML_REPEAT:-1}
DATA=${DATA:-../shared/bench}
BUILD=${BUILD:-build-bench}
HTML_DIR="$DATA/scrapinghub/html"
TEXT_DIR="$DATA/scrapinghub-text"

for d in "$HTML_DIR" "$TEXT_DIR"; do
  [ -d "$d" ] || { echo "throughput.sh: $d not found (set DATA=)" >&2; exit 1; }
done
command -v /usr/bin/time >/dev/null || { echo "throughput.sh: needs GNU time (package 'time')" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

{ cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DWINNOW_BUILD_BENCH=ON -DWINNOW_BUILD_TESTS=OFF &&
  cmake --build "$BUILD" -j2 --target winnow_cli gumbo_bare; } >"$tmp/build.log" 2>&1 ||
  { cat "$tmp/build.log" >&2; exit 1; }
WINNOW="$BUILD/winnow"
GUMBO="$BUILD/bench/gumbo_bare"

# bytes and pages of one pass over a directory
pages_of() { find "$1" -type f | wc -l; }
bytes_of() { find "$1" -type f -printf '%s\n' | awk '{s += $1} END {print s}'; }

# median of numbers on stdin
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# run LABEL PAGES BYTES CMD...: time RUNS runs of CMD, print one table row
run() {
  local label=$1 pages=$2 bytes=$3
  shift 3
  : >"$tmp/times"
  local status=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %U %S %M' -o "$tmp/one" "$@" >/dev/null 2>"$tmp/err" || status=$?
    cat "$tmp/one" >>"$tmp/times"
  done
  if grep -q '^0 ok' "$tmp/err"; then
    printf '%-26s %s\n' "$label" "not available in this build ($(grep -m1 'winnow:' "$tmp/err" | cut -c1-60)...)"
    return
  fi
  local wall cpu rss
  wall=$(awk '{print $1}' "$tmp/times" | median)
  cpu=$(awk '{print $2 + $3}' "$tmp/times" | median)
  rss=$(awk '{print $4}' "$tmp/times" | sort -n | tail -1)
  awk -v l="$label" -v p="$pages" -v b="$bytes" -v w="$wall" -v c="$cpu" -v r="$rss" -v s="$status" 'BEGIN {
    printf "%-26s %9.0f %9.1f %11.0f %9.1f %9.1f%s\n", l, p / w, b / w / 1e6, p / c, b / c / 1e6, r / 1024,
           s ? "  (some inputs failed)" : ""
  }'
}

html_pages=$(( $(pages_of "$HTML_DIR") * HTML_REPEAT ))
html_bytes=$(( $(bytes_of "$HTML_DIR") * HTML_REPEAT ))
text_pages=$(( $(pages_of "$TEXT_DIR") * TEXT_REPEAT ))
text_bytes=$(( $(bytes_of "$TEXT_DIR") * TEXT_REPEAT ))
html_args=(); for _ in $(seq "$HTML_REPEAT"); do html_args+=("$HTML_DIR"); done
text_args=(); for _ in $(seq "$TEXT_REPEAT"); do text_args+=("$TEXT_DIR"); done

echo "winnow $("$WINNOW" --version | awk '{print $2}'), $(nproc) cores, $RUNS runs per row (medians), $(date -u +%F)"
echo "html: $html_pages pages, $((html_bytes / 1000000)) MB; text: $text_pages pages, $((text_bytes / 1000000)) MB"
printf '%-26s %9s %9s %11s %9s %9s\n' "" "pages/s" "MB/s" "pages/cpu-s" "MB/cpu-s" "peak MiB"
run "html -j1" "$html_pages" "$html_bytes" "$WINNOW" -j 1 --mode html "${html_args[@]}"
run "html -j2" "$html_pages" "$html_bytes" "$WINNOW" -j 2 --mode html "${html_args[@]}"
run "text -j1" "$text_pages" "$text_bytes" "$WINNOW" -j 1 --mode text "${text_args[@]}"
run "text -j2" "$text_pages" "$text_bytes" "$WINNOW" -j 2 --mode text "${text_args[@]}"
run "text -j1 no site-learning" "$text_pages" "$text_bytes" "$WINNOW" -j 1 --mode text --no-site-boilerplate "${text_args[@]}"

# Two -j1 processes at once, each over the whole set: what the machine's
# two cores give work that shares nothing (on a shared virtual machine,
# less than twice one core), the ceiling for -j2.
both=(bash -c '"$@" >/dev/null 2>&1 & "$@"; wait' both)
run "html 2 x -j1 at once" $((2 * html_pages)) $((2 * html_bytes)) "${both[@]}" "$WINNOW" -j 1 --mode html "${html_args[@]}"
run "text 2 x -j1 at once" $((2 * text_pages)) $((2 * text_bytes)) "${both[@]}" "$WINNOW" -j 1 --mode text "${text_args[@]}"

# Bare Gumbo: parse + tree walk only, with Gumbo's defaults and lean (an
# arena and no parse-error list, as winnow's parser sets it up).
gumbo() {
  run "$1" "$html_pages" "$html_bytes" "$GUMBO" --repeat "$HTML_REPEAT" "${@:2}" "$HTML_DIR"
}
gumbo "bare gumbo -j1"
gumbo "bare gumbo lean -j1" --lean
