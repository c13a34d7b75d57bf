// Which instruction set the hottest loops run with: the 64-byte loops of the
// normalize stage (the clean-up's verbatim runs, the name scan), templates
// over the masks they compute, and the UTF-8 validity check (charset.cpp).
// Each is built once per set, inside a function compiled for that set, and
// the best set the CPU runs is chosen at run time.
// Everything else stays built for the baseline (SSE2 on x86-64), so the
// library runs on any x86-64 CPU and loses nothing on a newer one.
#pragma once

#include <cstdint>
#include <vector>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define WINNOW_WIDE_SIMD 1
// The target attribute of the functions built for AVX2.
#define WINNOW_TARGET_AVX2 __attribute__((target("avx2,bmi,bmi2,popcnt")))
#else
#define WINNOW_WIDE_SIMD 0
#endif

namespace winnow::detail {

enum class SimdLevel : std::uint8_t {
  kBest,      // the best of the others this CPU runs
  kBaseline,  // what the whole library is built for (SSE2 on x86-64)
  kAvx2,      // 32-byte vectors (and BMI2)
};

// Whether this CPU (and its operating system) runs code built for `level`.
bool simd_level_runs(SimdLevel level);

// `level` when this CPU runs it, else the best level it runs (detected once).
SimdLevel resolve_simd_level(SimdLevel level);

// Every level but kBest that this CPU runs, the baseline first: what tests
// and fuzz checks run each build of a loop with.
std::vector<SimdLevel> runnable_simd_levels();

}  // namespace winnow::detail
