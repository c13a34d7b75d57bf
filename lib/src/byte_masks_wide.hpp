// The masks of byte_masks.hpp that the hottest loops compute, for AVX2 (two
// 32-byte vectors per 64-byte block), and the mask sets those loops are
// templates over (BaselineMasks, Avx2Masks). The AVX2 functions are built
// for AVX2 only, so they may run only where simd_level_runs() says so; the
// loops that inline them are too (see simd_level.hpp). The bits are the same
// as the portable loop's; tests compare them.
#pragma once

#include <cstdint>

#include "byte_masks.hpp"
#include "simd_level.hpp"

#if WINNOW_WIDE_SIMD
#include <immintrin.h>
#endif

namespace winnow::detail {

// The baseline build's masks (SSE2 on x86-64, else the portable loop).
struct BaselineMasks {
  static CleanMasks clean(const char* p) { return clean_masks(p); }
  template <int kOthers>
  static NameScanMasks name_scan(const char* p, const NameScanBytes& bytes) {
    return name_scan_masks_for<kOthers>(p, bytes);
  }
};

#if WINNOW_WIDE_SIMD

namespace avx2 {

struct Block {
  __m256i low, high;  // bytes 0..31 and 32..63
};

WINNOW_TARGET_AVX2 inline Block load(const char* p) {
  return {_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)),
          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32))};
}

WINNOW_TARGET_AVX2 inline std::uint64_t bits(__m256i low, __m256i high) {
  return static_cast<std::uint32_t>(_mm256_movemask_epi8(low)) |
         static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm256_movemask_epi8(high))) << 32;
}

WINNOW_TARGET_AVX2 inline __m256i equal(__m256i v, unsigned char c) {
  return _mm256_cmpeq_epi8(v, _mm256_set1_epi8(static_cast<char>(c)));
}

// Bytes in [lo, lo + n) (n <= 128): the subtraction maps the range onto the
// lowest signed bytes, as sse2::below_from() does.
WINNOW_TARGET_AVX2 inline __m256i below_from(__m256i v, unsigned char lo, int n) {
  return _mm256_cmpgt_epi8(_mm256_set1_epi8(static_cast<char>(n - 128)),
                           _mm256_add_epi8(v, _mm256_set1_epi8(static_cast<char>(0x80 - lo))));
}

WINNOW_TARGET_AVX2 inline std::uint64_t equal_bits(const Block& b, unsigned char c) {
  return bits(equal(b.low, c), equal(b.high, c));
}

WINNOW_TARGET_AVX2 inline std::uint64_t below_from_bits(const Block& b, unsigned char lo, int n) {
  return bits(below_from(b.low, lo, n), below_from(b.high, lo, n));
}

// Other bytes < 0x20 but tab and line feed, and 0x7F.
WINNOW_TARGET_AVX2 inline __m256i control(__m256i v, __m256i newline) {
  __m256i low = _mm256_cmpeq_epi8(_mm256_min_epu8(v, _mm256_set1_epi8(0x1F)), v);
  return _mm256_or_si256(_mm256_andnot_si256(_mm256_or_si256(newline, equal(v, '\t')), low), equal(v, 0x7F));
}

WINNOW_TARGET_AVX2 inline CleanMasks clean_masks(const char* p) {
  const Block b = load(p);
  CleanMasks m;
  __m256i newline_low = equal(b.low, '\n'), newline_high = equal(b.high, '\n');
  m.high = bits(b.low, b.high);
  m.space = equal_bits(b, ' ');
  m.newline = bits(newline_low, newline_high);
  m.control = bits(control(b.low, newline_low), control(b.high, newline_high));
  if (m.high == 0) return m;
  m.lead2 = below_from_bits(b, 0xC3, 29);
  std::uint64_t lead3 = below_from_bits(b, 0xE3, 13);
  std::uint64_t e2 = equal_bits(b, 0xE2);
  if ((lead3 | e2) == 0) return m;  // Latin text: no three-byte character to keep
  std::uint64_t b80 = equal_bits(b, 0x80);
  if (e2) m.punct3 = general_punctuation(e2, b80, below_from_bits(b, 0x90, 24));
  if (lead3) {
    m.kept3 = kept_three_byte(below_from_bits(b, 0xE4, 6), equal_bits(b, 0xE3), equal_bits(b, 0xEF), b80,
                              below_from_bits(b, 0x81, 3), below_from_bits(b, 0xBC, 2));
  }
  return m;
}

template <int kOthers>
WINNOW_TARGET_AVX2 inline NameScanMasks name_scan_masks_with(const char* p, const NameScanBytes& bytes) {
  const Block b = load(p);
  const __m256i case_bit = _mm256_set1_epi8(0x20);
  __m256i candidate_low = below_from(b.low, 'A', 26), candidate_high = below_from(b.high, 'A', 26);
  for (int j = 0; j < kOthers; ++j) {
    candidate_low = _mm256_or_si256(candidate_low, equal(b.low, bytes.others[j]));
    candidate_high = _mm256_or_si256(candidate_high, equal(b.high, bytes.others[j]));
  }
  NameScanMasks m;
  m.alnum = bits(_mm256_or_si256(below_from(_mm256_or_si256(b.low, case_bit), 'a', 26), below_from(b.low, '0', 10)),
                 _mm256_or_si256(below_from(_mm256_or_si256(b.high, case_bit), 'a', 26), below_from(b.high, '0', 10)));
  m.candidates = bits(candidate_low, candidate_high);
  std::uint64_t high = bits(b.low, b.high);
  if (high) {
    if (bytes.every_high) m.candidates |= high;
    for (int j = 0; j < bytes.range_count; ++j) {  // in 0x80..0xFF: 128 bytes at most
      m.candidates |= below_from_bits(b, bytes.range_low[j], bytes.range_high[j] - bytes.range_low[j] + 1);
    }
  }
  if (bytes.every_byte) m.candidates = ~std::uint64_t{0};
  return m;
}

}  // namespace avx2

struct Avx2Masks {
  WINNOW_TARGET_AVX2 static CleanMasks clean(const char* p) { return avx2::clean_masks(p); }
  template <int kOthers>
  WINNOW_TARGET_AVX2 static NameScanMasks name_scan(const char* p, const NameScanBytes& bytes) {
    return avx2::name_scan_masks_with<kOthers>(p, bytes);
  }
};


#endif  // WINNOW_WIDE_SIMD

}  // namespace winnow::detail
