// The builds of the pair filter's step (pair_filter.hpp): at which of
// kPairStep places a pair of the filter may begin. Each is a class built
// from the filter (what it keeps in registers) with at(p), the places of
// p[0, kPairStep) as bits, reading kPairStep + 1 bytes.
#pragma once

#include <cstddef>
#include <cstdint>

#include "pair_filter.hpp"
#include "simd_level.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if WINNOW_WIDE_SIMD
#include <immintrin.h>
#endif

namespace winnow::detail {

namespace portable {

// The places of p[0, kPairStep) where the filter's tables see a pair
// begin (AVX2's bits, a byte at a time).
class PairStarts {
 public:
  explicit PairStarts(const PairFilter& filter) : filter_(filter) {}

  std::uint64_t at(const char* p) const {
    std::uint64_t m = 0;
    for (std::size_t k = 0; k < kPairStep; ++k) {
      const auto a = static_cast<unsigned char>(p[k]), b = static_cast<unsigned char>(p[k + 1]);
      if (filter_.first_low[a & 15] & filter_.first_high[a >> 4] & filter_.second_low[b & 15] &
          filter_.second_high[b >> 4]) {
        m |= std::uint64_t{1} << k;
      }
    }
    return m;
  }

 private:
  const PairFilter& filter_;
};

}  // namespace portable

#if defined(__SSE2__)

namespace sse2 {

// The places of p[0, kPairStep) where a pair of the filter begins, in two
// vectors.
class PairStarts {
 public:
  explicit PairStarts(const PairFilter& filter) : filter_(filter) {}

  std::uint64_t at(const char* p) const {
    const __m128i here[2] = {_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)),
                             _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16))};
    const __m128i next[2] = {_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1)),
                             _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 17))};
    __m128i any[2] = {_mm_setzero_si128(), _mm_setzero_si128()};
    for (const PairFilter::Repeated& pair : filter_.repeated) {
      const __m128i first = _mm_load_si128(reinterpret_cast<const __m128i*>(pair.first));
      const __m128i second = _mm_load_si128(reinterpret_cast<const __m128i*>(pair.second));
      for (int k = 0; k < 2; ++k) {
        any[k] = _mm_or_si128(any[k], _mm_and_si128(_mm_cmpeq_epi8(here[k], first), _mm_cmpeq_epi8(next[k], second)));
      }
    }
    return static_cast<std::uint32_t>(_mm_movemask_epi8(any[0])) |
           static_cast<std::uint32_t>(_mm_movemask_epi8(any[1])) << 16;
  }

 private:
  const PairFilter& filter_;
};

}  // namespace sse2

#endif

#if WINNOW_WIDE_SIMD

namespace avx2 {

// The places of p[0, kPairStep) where the filter's tables see a pair
// begin. Built for AVX2 only: see simd_level.hpp.
class PairStarts {
 public:
  WINNOW_TARGET_AVX2 explicit PairStarts(const PairFilter& filter)
      : first_low_(table(filter.first_low)),
        first_high_(table(filter.first_high)),
        second_low_(table(filter.second_low)),
        second_high_(table(filter.second_high)) {}

  WINNOW_TARGET_AVX2 std::uint64_t at(const char* p) const {
    const __m256i here = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const __m256i next = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 1));
    const __m256i buckets =
        _mm256_and_si256(look_up(first_low_, first_high_, here), look_up(second_low_, second_high_, next));
    // Most steps have no place: one test says so.
    if (_mm256_testz_si256(buckets, buckets)) return 0;
    const auto none = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(buckets, _mm256_setzero_si256())));
    return ~none;
  }

 private:
  // The table in both 16-byte lanes (a shuffle looks up within its lane).
  WINNOW_TARGET_AVX2 static __m256i table(const std::array<std::uint8_t, 16>& bytes) {
    return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes.data())));
  }

  // For each byte, the buckets whose pair has a byte there (the first or
  // the second, by the tables) with both of its nibbles.
  WINNOW_TARGET_AVX2 static __m256i look_up(__m256i low, __m256i high, __m256i bytes) {
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    return _mm256_and_si256(_mm256_shuffle_epi8(low, _mm256_and_si256(bytes, nibble)),
                            _mm256_shuffle_epi8(high, _mm256_and_si256(_mm256_srli_epi16(bytes, 4), nibble)));
  }

  __m256i first_low_, first_high_, second_low_, second_high_;
};

}  // namespace avx2

#endif

}  // namespace winnow::detail
