#!/usr/bin/env bash
# Build the libFuzzer targets with clang-14, AddressSanitizer and
# UndefinedBehaviorSanitizer in build-fuzz/, then run each target for a
# bounded time from its seed corpus and dictionary. Any crash, failed
# property, timeout, out-of-memory or leak fails the script; the input that
# did it is left in build-fuzz/artifacts/ (add it to fuzz/corpus/<target>/
# once fixed, named regress-<what>).
#
#   scripts/fuzz.sh [TARGET...]        all targets when none is named
#   scripts/fuzz.sh --build-only       only build (the sanitizer test run uses it)
#
# Environment:
#   FUZZ_SECONDS  time per target (default 60)
#   FUZZ_RUNS     at most this many inputs per target (default: no limit)
#   FUZZ_SEED     libFuzzer's random seed (default 1)
#   FUZZ_REPEATABLE=1  turn off the two libFuzzer features whose choices vary
#                 from process to process (comparison tracing, which sees
#                 addresses, and entropic scheduling): with a fresh corpus,
#                 FUZZ_RUNS and FUZZ_SEED, a run then replays the same inputs
#                 every time, on any machine
#   FUZZ_TIMEOUT  seconds one input may take before it counts as a hang (default 10)
#   FUZZ_RSS_MB   memory limit in MB (default 2048)
#   FUZZ_BUILD    build directory (default build-fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
runs=${FUZZ_RUNS:--1}
seed=${FUZZ_SEED:-1}
timeout=${FUZZ_TIMEOUT:-10}
rss_mb=${FUZZ_RSS_MB:-2048}
build=${FUZZ_BUILD:-build-fuzz}
repeatable=()
[ "${FUZZ_REPEATABLE:-0}" = 1 ] && repeatable=(-use_cmp=0 -entropic=0)

build_only=0
if [ "${1:-}" = "--build-only" ]; then
  build_only=1
  shift
fi

CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DWINNOW_BUILD_FUZZERS=ON -DWINNOW_SANITIZE=ON >/dev/null
cmake --build "$build" -j"$(nproc)"
[ "$build_only" -eq 1 ] && exit 0

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for src in fuzz/*_fuzz.cpp; do
    name=$(basename "$src" _fuzz.cpp)
    targets+=("$name")
  done
fi

export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
mkdir -p "$build/artifacts" "$build/logs"
failed=()
printf '%-12s %10s %10s %8s\n' target runs exec/s result
for name in "${targets[@]}"; do
  work="$build/corpus/$name"  # grows as the fuzzer finds new coverage
  mkdir -p "$work"
  log="$build/logs/$name.log"
  dict=()
  [ -f "fuzz/dict/$name.dict" ] && dict=(-dict="fuzz/dict/$name.dict")
  result=ok
  if ! "$build/fuzz/fuzz_$name" "$work" "fuzz/corpus/$name" "${dict[@]}" "${repeatable[@]}" \
      -max_total_time="$seconds" -runs="$runs" -seed="$seed" -timeout="$timeout" -rss_limit_mb="$rss_mb" \
      -malloc_limit_mb="$rss_mb" -artifact_prefix="$build/artifacts/$name-" \
      -print_final_stats=1 >"$log" 2>&1; then
    result=FAILED
    failed+=("$name")
  fi
  executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  printf '%-12s %10s %10s %8s\n' "$name" "${executed:--}" "${rate:--}" "$result"
done

if [ ${#failed[@]} -ne 0 ]; then
  for name in "${failed[@]}"; do
    echo "===== $name: $build/logs/$name.log (last lines) =====" >&2
    tail -40 "$build/logs/$name.log" >&2
  done
  echo "fuzz: failed: ${failed[*]}; reproducers in $build/artifacts/" >&2
  exit 1
fi
