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
#if defined(__SSE2__)
    return sse2::name_scan_masks_with<kOthers>(p, bytes);
#else
    return portable::name_scan_masks(p, bytes);
#endif
  }
};

#if WINNOW_WIDE_SIMD

namespace avx2 {

// Bytes in [lo, lo + n) (n <= 128): the subtraction maps the range onto the
// lowest signed bytes, as sse2::below_from() does.
WINNOW_TARGET_AVX2 inline __m256i below_from(__m256i v, unsigned char lo, int n) {
  return _mm256_cmpgt_epi8(_mm256_set1_epi8(static_cast<char>(n - 128)),
                           _mm256_add_epi8(v, _mm256_set1_epi8(static_cast<char>(0x80 - lo))));
}

WINNOW_TARGET_AVX2 inline __m256i equal(__m256i v, unsigned char c) {
  return _mm256_cmpeq_epi8(v, _mm256_set1_epi8(static_cast<char>(c)));
}

// sse2::Block in two 32-byte vectors: what clean_masks_of() and
// name_scan_masks_of() ask of a block.
struct Block {
  __m256i first, second;  // bytes 0..31 and 32..63

  WINNOW_TARGET_AVX2 static Block load(const char* p) {
    return {_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)),
            _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32))};
  }
  WINNOW_TARGET_AVX2 static std::uint64_t bits(__m256i first, __m256i second) {
    return static_cast<std::uint32_t>(_mm256_movemask_epi8(first)) |
           static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm256_movemask_epi8(second))) << 32;
  }
  WINNOW_TARGET_AVX2 std::uint64_t high() const { return bits(first, second); }
  WINNOW_TARGET_AVX2 bool any_high() const { return _mm256_movemask_epi8(_mm256_or_si256(first, second)) != 0; }
  WINNOW_TARGET_AVX2 std::uint64_t equal(unsigned char c) const {
    return bits(avx2::equal(first, c), avx2::equal(second, c));
  }
  WINNOW_TARGET_AVX2 std::uint64_t below_from(unsigned char lo, int n) const {
    return bits(avx2::below_from(first, lo, n), avx2::below_from(second, lo, n));
  }
  // Bytes < 0x20 but tab and line feed, and 0x7F.
  WINNOW_TARGET_AVX2 std::uint64_t control() const { return bits(control(first), control(second)); }
  WINNOW_TARGET_AVX2 static __m256i control(__m256i v) {
    __m256i low = _mm256_cmpeq_epi8(_mm256_min_epu8(v, _mm256_set1_epi8(0x1F)), v);  // v <= 0x1F
    __m256i kept = _mm256_or_si256(avx2::equal(v, '\n'), avx2::equal(v, '\t'));
    return _mm256_or_si256(_mm256_andnot_si256(kept, low), avx2::equal(v, 0x7F));
  }
  WINNOW_TARGET_AVX2 std::uint64_t alnum() const { return bits(alnum(first), alnum(second)); }  // ASCII letters, digits
  WINNOW_TARGET_AVX2 static __m256i alnum(__m256i v) {
    __m256i letter = avx2::below_from(_mm256_or_si256(v, _mm256_set1_epi8(0x20)), 'a', 26);
    return _mm256_or_si256(letter, avx2::below_from(v, '0', 10));
  }
  // Capitals and the `kCount` bytes at `others`, one movemask per vector.
  template <int kCount>
  WINNOW_TARGET_AVX2 std::uint64_t capitals_or(const unsigned char* others) const {
    __m256i candidate_first = avx2::below_from(first, 'A', 26), candidate_second = avx2::below_from(second, 'A', 26);
    for (int j = 0; j < kCount; ++j) {
      candidate_first = _mm256_or_si256(candidate_first, avx2::equal(first, others[j]));
      candidate_second = _mm256_or_si256(candidate_second, avx2::equal(second, others[j]));
    }
    return bits(candidate_first, candidate_second);
  }
};

}  // namespace avx2

struct Avx2Masks {
  WINNOW_TARGET_AVX2 static CleanMasks clean(const char* p) { return clean_masks_of(avx2::Block::load(p)); }
  template <int kOthers>
  WINNOW_TARGET_AVX2 static NameScanMasks name_scan(const char* p, const NameScanBytes& bytes) {
    return name_scan_masks_of<kOthers>(avx2::Block::load(p), bytes);
  }
};

#endif  // WINNOW_WIDE_SIMD

}  // namespace winnow::detail
