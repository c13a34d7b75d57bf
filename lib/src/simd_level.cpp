#include "simd_level.hpp"

namespace winnow::detail {

namespace {

SimdLevel detect_best() {
#if WINNOW_WIDE_SIMD
  if (simd_level_runs(SimdLevel::kAvx2)) return SimdLevel::kAvx2;
#endif
  return SimdLevel::kBaseline;
}

}  // namespace

bool simd_level_runs(SimdLevel level) {
  if (level != SimdLevel::kAvx2) return true;
#if WINNOW_WIDE_SIMD
  __builtin_cpu_init();  // may run before the constructor that does it
  // The compilers' CPU model reads XCR0 before it reports AVX features, so
  // this covers the operating system's support too.
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2") &&
         __builtin_cpu_supports("popcnt");
#else
  return false;
#endif
}

SimdLevel resolve_simd_level(SimdLevel level) {
  // A level this CPU cannot run is never chosen, whoever asks for it.
  if (level != SimdLevel::kBest && simd_level_runs(level)) return level;
  static const SimdLevel best = detect_best();
  return best;
}

std::vector<SimdLevel> runnable_simd_levels() {
  std::vector<SimdLevel> levels = {SimdLevel::kBaseline};
  if (simd_level_runs(SimdLevel::kAvx2)) levels.push_back(SimdLevel::kAvx2);
  return levels;
}

}  // namespace winnow::detail
