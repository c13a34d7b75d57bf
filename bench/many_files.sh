#!/usr/bin/env bash
# A batch over one flat directory of many small pages, as a crawl may leave
# them: wall time and peak RSS of `winnow -j1 DIR` (output to /dev/null) and
# of `winnow -j1 -o OUT DIR`, where the walk's listing and the output-clash
# table grow with the directory. Figures: docs/PERFORMANCE.md.
#
#   bench/many_files.sh                 # 200,000 files, 3 runs per figure
#   FILES=1000000 RUNS=1 bench/many_files.sh
#   WINNOW=/path/to/winnow bench/many_files.sh   # another build, as it is
#
# Each figure is the run of median wall time, with that run's peak RSS.
#
# The pages are written to a temporary directory first (about 1 KB of disk
# each, with their outputs) and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

FILES=${FILES:-200000}
RUNS=${RUNS:-3}
BUILD=${BUILD:-build-bench}
command -v /usr/bin/time >/dev/null || { echo "many_files.sh: needs GNU time (package 'time')" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ -z "${WINNOW:-}" ]; then
  { cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DWINNOW_BUILD_BENCH=ON -DWINNOW_BUILD_TESTS=OFF &&
    cmake --build "$BUILD" -j2 --target winnow_cli; } >"$tmp/build.log" 2>&1 ||
    { cat "$tmp/build.log" >&2; exit 1; }
  WINNOW="$BUILD/winnow"
fi

mkdir "$tmp/in"
python3 - "$tmp/in" "$FILES" <<'EOF'
import os, sys
folder, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    # Names as crawlers write them: long, sharing a prefix.
    with open(os.path.join(folder, f"page-{i:07d}-from-a-crawl-of-some-site.txt"), "w") as f:
        f.write(f"Page {i}. The council met on Tuesday and voted to keep the library open.\n")
EOF

# Median of RUNS of: seconds and peak KB of one command.
measure() {
  for _ in $(seq "$RUNS"); do
    rm -rf "$tmp/out"
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" ||
      { cat "$tmp/err" >&2; exit 1; }
    cat "$tmp/time"
  done | sort -n | awk -v n="$RUNS" '{ s[NR] = $1; m[NR] = $2 } END {
    mid = int((n + 1) / 2); printf "%8.2f s %8.1f MiB\n", s[mid], m[mid] / 1024 }'
}

echo "winnow $("$WINNOW" --version | awk '{ print $NF }'), $FILES files in one directory, medians of $RUNS"
printf '%-22s' "-j1, to /dev/null"; measure "$WINNOW" -j1 "$tmp/in"
printf '%-22s' "-j1 -o OUT"; measure "$WINNOW" -j1 -o "$tmp/out" "$tmp/in"
