// Classifying 64 bytes at once: one bit per byte (bit k for p[k]), so that the
// normalize steps can skip text with nothing to do in a few instructions per
// block. SSE2 (every x86-64) computes the masks 16 bytes at a time; elsewhere
// the portable loop gives the same bits, and tests compare the two.
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace winnow::detail {

constexpr std::size_t kMaskBlock = 64;

// What the character clean-up looks at.
struct CleanMasks {
  std::uint64_t high = 0;      // bytes >= 0x80
  std::uint64_t space = 0;     // ' '
  std::uint64_t newline = 0;   // '\n'
  std::uint64_t control = 0;   // other bytes < 0x20 but tab, and 0x7F
  // Lead bytes of characters that the clean-up always keeps as they are:
  // two-byte sequences from U+00C0 (C3..DF), and three-byte ones (bit k
  // for k <= 61 only, the sequence whole in the block): CJK ideographs
  // (E4..E9), CJK punctuation, kana (U+3001..U+30FF: E3 80 81..E3 83 BF) and
  // fullwidth forms (U+FF00..U+FF7F: EF BC, EF BD).
  std::uint64_t lead2 = 0;
  std::uint64_t kept3 = 0;
  // Lead bytes (bit k for k <= 61 only) of the general punctuation
  // U+2010..U+2027 (E2 80 90..E2 80 A7): dashes, curly quotes, bullets,
  // the ellipsis. Kept as they are unless folded to ASCII punctuation, so
  // the clean-up uses this mask only without that option. English news
  // text has one every few lines.
  std::uint64_t punct3 = 0;
};

// kept3 from masks of the block's bytes: E4..E9, E3, EF, 0x80, 81..83 and
// BC..BD.
inline std::uint64_t kept_three_byte(std::uint64_t cjk, std::uint64_t e3, std::uint64_t ef, std::uint64_t b80,
                                     std::uint64_t b81_83, std::uint64_t bbc_bd) {
  std::uint64_t kana = e3 & (b81_83 >> 1);
  std::uint64_t punctuation = e3 & (b80 >> 1) & ~(b80 >> 2);  // not U+3000, a space
  std::uint64_t fullwidth = ef & (bbc_bd >> 1);
  return (cjk | kana | punctuation | fullwidth) & ~(std::uint64_t{3} << 62);
}

// punct3 from masks of the block's bytes: E2, 0x80 and 90..A7.
inline std::uint64_t general_punctuation(std::uint64_t e2, std::uint64_t b80, std::uint64_t b90_a7) {
  return e2 & (b80 >> 1) & (b90_a7 >> 2) & ~(std::uint64_t{3} << 62);
}

// The bytes a name may begin with, for name_scan_masks(): capitals, up to
// four other ASCII bytes, and bytes >= 0x80 in up to three ranges (or all).
struct NameScanBytes {
  unsigned char others[4] = {};
  int other_count = 0;
  unsigned char range_low[3] = {}, range_high[3] = {};
  int range_count = 0;
  bool every_high = false;  // every byte >= 0x80
  bool every_byte = false;  // every byte
};

// What the stats walk looks at to find the Cyrillic letters U+0400..U+045F
// (D0 80..D1 9F) in a 64-byte block.
struct CyrillicMasks {
  std::uint64_t d0 = 0;          // lead byte D0: U+0400..U+043F
  std::uint64_t d1 = 0;          // lead byte D1: U+0440..U+047F
  std::uint64_t cont = 0;        // 80..BF, any continuation byte
  std::uint64_t cont_below_a0 = 0;  // 80..9F: after D1, U+0440..U+045F
  std::uint64_t cont_below_b0 = 0;  // 80..AF: after D0, the capitals U+0400..U+042F
};

// What the name scan looks at, in one pass over the block.
struct NameScanMasks {
  std::uint64_t alnum = 0;       // ASCII letters and digits
  std::uint64_t candidates = 0;  // bytes of NameScanBytes
};

// What block statistics and the block key look at (classify's walk). The
// ASCII classes are exact only where `high` is clear. Only the first
// `vectors` 16-byte parts of the 64 bytes are looked at; the bits of the
// rest are clear.
struct StatsMasks {
  std::uint64_t high = 0;         // bytes >= 0x80
  std::uint64_t space = 0;        // ' ' and 0x09..0x0D
  std::uint64_t plain_space = 0;  // ' '
  std::uint64_t upper = 0;        // 'A'..'Z'
  std::uint64_t letter = 0;       // 'A'..'Z', 'a'..'z'
  std::uint64_t digit = 0;        // '0'..'9'
};

// The clean-up's masks of a loaded block, for any vector width: `Bytes`
// (sse2::Block, avx2::Block) gives each class of bytes as 64 bits. Always
// inlined, so that it is built for the instruction set of its caller.
template <class Bytes>
[[gnu::always_inline]] inline CleanMasks clean_masks_of(const Bytes& b) {
  CleanMasks m;
  m.high = b.high();
  m.space = b.equal(' ');
  m.newline = b.equal('\n');
  m.control = b.control();
  if (m.high == 0) return m;
  m.lead2 = b.below_from(0xC3, 29);
  const std::uint64_t lead3 = b.below_from(0xE3, 13);  // E3..EF: kept3 needs a look
  const std::uint64_t e2 = b.equal(0xE2);              // E2: punct3 needs a look
  // Mostly-Latin text has E2 (quotes, dashes) and no E3..EF: two more
  // masks then, not seven.
  if ((lead3 | e2) == 0) return m;
  const std::uint64_t b80 = b.equal(0x80);
  if (e2) m.punct3 = general_punctuation(e2, b80, b.below_from(0x90, 24));
  if (lead3) {
    m.kept3 = kept_three_byte(b.below_from(0xE4, 6), b.equal(0xE3), b.equal(0xEF), b80, b.below_from(0x81, 3),
                              b.below_from(0xBC, 2));
  }
  return m;
}

// The name scan's masks of a loaded block, with the number of other ASCII
// bytes known at compile time (their compares are set up once, and no loop
// runs per vector).
template <int kOthers, class Bytes>
[[gnu::always_inline]] inline NameScanMasks name_scan_masks_of(const Bytes& b, const NameScanBytes& bytes) {
  NameScanMasks m;
  m.alnum = b.alnum();
  m.candidates = b.template capitals_or<kOthers>(bytes.others);
  if (b.any_high()) {
    if (bytes.every_high) m.candidates |= b.high();
    // The ranges lie in 0x80..0xFF, 128 bytes at most: below_from() serves.
    for (int j = 0; j < bytes.range_count; ++j) {
      m.candidates |= b.below_from(bytes.range_low[j], bytes.range_high[j] - bytes.range_low[j] + 1);
    }
  }
  if (bytes.every_byte) m.candidates = ~std::uint64_t{0};
  return m;
}

namespace portable {

inline CyrillicMasks cyrillic_masks(const char* p) {
  CyrillicMasks m;
  for (std::size_t k = 0; k < kMaskBlock; ++k) {
    auto b = static_cast<unsigned char>(p[k]);
    std::uint64_t bit = std::uint64_t{1} << k;
    if (b == 0xD0) m.d0 |= bit;
    if (b == 0xD1) m.d1 |= bit;
    if (b >= 0x80 && b <= 0xBF) m.cont |= bit;
    if (b >= 0x80 && b <= 0x9F) m.cont_below_a0 |= bit;
    if (b >= 0x80 && b <= 0xAF) m.cont_below_b0 |= bit;
  }
  return m;
}

inline StatsMasks stats_masks(const char* p, int vectors = 4) {
  StatsMasks m;
  for (std::size_t k = 0; k < 16 * static_cast<std::size_t>(vectors); ++k) {
    auto b = static_cast<unsigned char>(p[k]);
    std::uint64_t bit = std::uint64_t{1} << k;
    if (b >= 0x80) m.high |= bit;
    if (b == ' ' || (b >= 0x09 && b <= 0x0D)) m.space |= bit;
    if (b == ' ') m.plain_space |= bit;
    if (b >= 'A' && b <= 'Z') m.upper |= bit;
    if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z')) m.letter |= bit;
    if (b >= '0' && b <= '9') m.digit |= bit;
  }
  return m;
}

inline NameScanMasks name_scan_masks(const char* p, const NameScanBytes& bytes) {
  NameScanMasks m;
  for (std::size_t k = 0; k < kMaskBlock; ++k) {
    auto b = static_cast<unsigned char>(p[k]);
    std::uint64_t bit = std::uint64_t{1} << k;
    bool upper = b >= 'A' && b <= 'Z';
    if (upper || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')) m.alnum |= bit;
    bool candidate = upper || bytes.every_byte || (b >= 0x80 && bytes.every_high);
    for (int j = 0; j < bytes.other_count; ++j) candidate = candidate || b == bytes.others[j];
    for (int j = 0; j < bytes.range_count; ++j) {
      candidate = candidate || (b >= bytes.range_low[j] && b <= bytes.range_high[j]);
    }
    if (candidate) m.candidates |= bit;
  }
  return m;
}

// The first 16 x `vectors` bytes with ASCII capitals lower-cased, written
// to `to`.
inline void store_lower(const char* p, char* to, int vectors = 4) {
  for (std::size_t k = 0; k < 16 * static_cast<std::size_t>(vectors); ++k) {
    char c = p[k];
    to[k] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
}

inline CleanMasks clean_masks(const char* p) {
  CleanMasks m;
  for (std::size_t k = 0; k < kMaskBlock; ++k) {
    auto b = static_cast<unsigned char>(p[k]);
    std::uint64_t bit = std::uint64_t{1} << k;
    if (b >= 0x80) m.high |= bit;
    if (b == ' ') m.space |= bit;
    if (b == '\n') m.newline |= bit;
    if ((b < 0x20 && b != '\t' && b != '\n') || b == 0x7F) m.control |= bit;
    if (b >= 0xC3 && b <= 0xDF) m.lead2 |= bit;
  }
  if (m.high) {
    auto in = [&](unsigned char lo, unsigned char hi) {
      std::uint64_t r = 0;
      for (std::size_t k = 0; k < kMaskBlock; ++k) {
        auto b = static_cast<unsigned char>(p[k]);
        if (b >= lo && b <= hi) r |= std::uint64_t{1} << k;
      }
      return r;
    };
    m.kept3 = kept_three_byte(in(0xE4, 0xE9), in(0xE3, 0xE3), in(0xEF, 0xEF), in(0x80, 0x80), in(0x81, 0x83),
                              in(0xBC, 0xBD));
    m.punct3 = general_punctuation(in(0xE2, 0xE2), in(0x80, 0x80), in(0x90, 0xA7));
  }
  return m;
}

// Bytes in [lo, hi].
inline std::uint64_t range_mask(const char* p, unsigned char lo, unsigned char hi) {
  std::uint64_t m = 0;
  for (std::size_t k = 0; k < kMaskBlock; ++k) {
    auto b = static_cast<unsigned char>(p[k]);
    if (b >= lo && b <= hi) m |= std::uint64_t{1} << k;
  }
  return m;
}

inline std::uint64_t equal_mask(const char* p, unsigned char c) {
  std::uint64_t m = 0;
  for (std::size_t k = 0; k < kMaskBlock; ++k) {
    if (static_cast<unsigned char>(p[k]) == c) m |= std::uint64_t{1} << k;
  }
  return m;
}

// Bytes that may begin a code point NFC changes or composes with what
// precedes (unicode_form.cpp): lead bytes from CC on, but for those of
// U+0400..U+047F (D0, D1) and of U+2002..U+203F (E2 80 82..BF). U+0080..
// U+02FF (C2..CB), continuation bytes and ASCII never do. Reads two bytes
// past the 64.
inline std::uint64_t nfc_maybe_slow_mask(const char* p) {
  std::uint64_t m = 0;
  for (std::size_t k = 0; k < kMaskBlock; ++k) {
    auto b = static_cast<unsigned char>(p[k]);
    if (b < 0xCC || b == 0xD0 || b == 0xD1) continue;
    bool quick_punct = b == 0xE2 && static_cast<unsigned char>(p[k + 1]) == 0x80 &&
                       static_cast<unsigned char>(p[k + 2]) >= 0x82 && static_cast<unsigned char>(p[k + 2]) <= 0xBF;
    if (!quick_punct) m |= std::uint64_t{1} << k;
  }
  return m;
}

}  // namespace portable

#if defined(__SSE2__)

namespace sse2 {

inline std::uint64_t bits(__m128i v, int shift) {
  return static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(v))) << shift;
}

// Bytes in [lo, hi], unsigned.
inline __m128i in_range(__m128i v, unsigned char lo, unsigned char hi) {
  return _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(static_cast<char>(lo))), v),
                       _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(static_cast<char>(hi))), v));
}

// Bytes in [lo, lo + n) (n <= 128) with two instructions: the subtraction
// maps the range onto the lowest signed bytes.
inline __m128i below_from(__m128i v, unsigned char lo, int n) {
  return _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - lo))),
                        _mm_set1_epi8(static_cast<char>(n - 128)));
}

// A 64-byte block in four vectors, each class of bytes as 64 bits: what
// clean_masks_of() and name_scan_masks_of() ask of it.
struct Block {
  __m128i v[4];

  static Block load(const char* p) {
    Block b;
    for (int k = 0; k < 4; ++k) b.v[k] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    return b;
  }
  std::uint64_t high() const {  // bytes >= 0x80
    std::uint64_t m = 0;
    for (int k = 0; k < 4; ++k) m |= bits(v[k], 16 * k);
    return m;
  }
  bool any_high() const {  // one test for the 64 bytes
    return _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(v[0], v[1]), _mm_or_si128(v[2], v[3]))) != 0;
  }
  std::uint64_t equal(unsigned char c) const {
    const __m128i byte = _mm_set1_epi8(static_cast<char>(c));
    std::uint64_t m = 0;
    for (int k = 0; k < 4; ++k) m |= bits(_mm_cmpeq_epi8(v[k], byte), 16 * k);
    return m;
  }
  std::uint64_t below_from(unsigned char lo, int n) const {
    std::uint64_t m = 0;
    for (int k = 0; k < 4; ++k) m |= bits(sse2::below_from(v[k], lo, n), 16 * k);
    return m;
  }
  // Bytes < 0x20 but tab and line feed, and 0x7F.
  std::uint64_t control() const {
    std::uint64_t m = 0;
    for (int k = 0; k < 4; ++k) {
      __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v[k], _mm_set1_epi8(0x1F)), v[k]);  // v <= 0x1F
      __m128i kept = _mm_or_si128(_mm_cmpeq_epi8(v[k], _mm_set1_epi8('\n')), _mm_cmpeq_epi8(v[k], _mm_set1_epi8('\t')));
      m |= bits(_mm_or_si128(_mm_andnot_si128(kept, low), _mm_cmpeq_epi8(v[k], _mm_set1_epi8(0x7F))), 16 * k);
    }
    return m;
  }
  std::uint64_t alnum() const {  // ASCII letters and digits
    std::uint64_t m = 0;
    for (int k = 0; k < 4; ++k) {
      __m128i letter = sse2::below_from(_mm_or_si128(v[k], _mm_set1_epi8(0x20)), 'a', 26);
      m |= bits(_mm_or_si128(letter, sse2::below_from(v[k], '0', 10)), 16 * k);
    }
    return m;
  }
  // Capitals and the `kCount` bytes at `others`, one movemask per vector.
  template <int kCount>
  std::uint64_t capitals_or(const unsigned char* others) const {
    __m128i other[kCount > 0 ? kCount : 1];
    for (int j = 0; j < kCount; ++j) other[j] = _mm_set1_epi8(static_cast<char>(others[j]));
    std::uint64_t m = 0;
    for (int k = 0; k < 4; ++k) {
      __m128i candidate = sse2::below_from(v[k], 'A', 26);
      for (int j = 0; j < kCount; ++j) candidate = _mm_or_si128(candidate, _mm_cmpeq_epi8(v[k], other[j]));
      m |= bits(candidate, 16 * k);
    }
    return m;
  }
};

inline CleanMasks clean_masks(const char* p) { return clean_masks_of(Block::load(p)); }

inline std::uint64_t range_mask(const char* p, unsigned char lo, unsigned char hi) {
  std::uint64_t m = 0;
  for (int k = 0; k < 4; ++k) {
    m |= bits(in_range(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k)), lo, hi), 16 * k);
  }
  return m;
}


template <int kOthers>
inline NameScanMasks name_scan_masks_with(const char* p, const NameScanBytes& bytes) {
  return name_scan_masks_of<kOthers>(Block::load(p), bytes);
}

inline NameScanMasks name_scan_masks(const char* p, const NameScanBytes& bytes) {
  switch (bytes.other_count) {
    case 0: return name_scan_masks_with<0>(p, bytes);
    case 1: return name_scan_masks_with<1>(p, bytes);
    case 2: return name_scan_masks_with<2>(p, bytes);
    case 3: return name_scan_masks_with<3>(p, bytes);
    default: return name_scan_masks_with<4>(p, bytes);
  }
}

inline CyrillicMasks cyrillic_masks(const char* p) {
  const Block b = Block::load(p);
  CyrillicMasks m;
  m.d0 = b.equal(0xD0);
  m.d1 = b.equal(0xD1);
  m.cont = b.below_from(0x80, 0x40);
  m.cont_below_a0 = b.below_from(0x80, 0x20);
  m.cont_below_b0 = b.below_from(0x80, 0x30);
  return m;
}

inline StatsMasks stats_masks(const char* p, int vectors = 4) {
  StatsMasks m;
  for (int k = 0; k < vectors; ++k) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    __m128i plain = _mm_cmpeq_epi8(v, _mm_set1_epi8(' '));
    m.high |= bits(v, 16 * k);
    m.plain_space |= bits(plain, 16 * k);
    m.space |= bits(_mm_or_si128(plain, below_from(v, 0x09, 5)), 16 * k);
    m.upper |= bits(below_from(v, 'A', 26), 16 * k);
    m.letter |= bits(below_from(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 26), 16 * k);
    m.digit |= bits(below_from(v, '0', 10), 16 * k);
  }
  return m;
}

inline void store_lower(const char* p, char* to, int vectors = 4) {
  for (int k = 0; k < vectors; ++k) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    __m128i upper = below_from(v, 'A', 26);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(to + 16 * k), _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20))));
  }
}

inline std::uint64_t equal_mask(const char* p, unsigned char c) {
  const __m128i byte = _mm_set1_epi8(static_cast<char>(c));
  std::uint64_t m = 0;
  for (int k = 0; k < 4; ++k) {
    m |= bits(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k)), byte), 16 * k);
  }
  return m;
}

inline std::uint64_t nfc_maybe_slow_mask(const char* p) {
  __m128i any = _mm_or_si128(_mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)),
                                          _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16))),
                             _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 32)),
                                          _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 48))));
  if (_mm_movemask_epi8(any) == 0) return 0;  // ASCII only
  std::uint64_t m = 0;
  const __m128i cc = _mm_set1_epi8(static_cast<char>(0xCC)), e2 = _mm_set1_epi8(static_cast<char>(0xE2));
  const __m128i b80 = _mm_set1_epi8(static_cast<char>(0x80));
  for (int k = 0; k < 4; ++k) {
    const char* q = p + 16 * k;
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
    __m128i from_cc = _mm_cmpeq_epi8(_mm_max_epu8(v, cc), v);
    // The E2 80 82..BF pattern from the next two bytes, loaded shifted.
    __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q + 1));
    __m128i third = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q + 2));
    __m128i punct = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(v, e2), _mm_cmpeq_epi8(next, b80)),
                                  below_from(third, 0x82, 62));
    __m128i quick = _mm_or_si128(below_from(v, 0xD0, 2), punct);
    m |= bits(_mm_andnot_si128(quick, from_cc), 16 * k);
  }
  return m;
}

}  // namespace sse2

namespace fastest = sse2;

#else

namespace fastest = portable;

#endif

using fastest::clean_masks;
using fastest::cyrillic_masks;
using fastest::equal_mask;
using fastest::name_scan_masks;
using fastest::nfc_maybe_slow_mask;
using fastest::range_mask;
using fastest::stats_masks;
using fastest::store_lower;

// The first byte >= 0x80 in s[i, ...), or s.size(): 64 bytes at a time,
// then 8.
inline std::size_t skip_ascii(const char* s, std::size_t size, std::size_t i) {
  // Non-Latin text has no ASCII to skip between most of its characters.
  if (i < size && static_cast<unsigned char>(s[i]) >= 0x80) return i;
  while (i + kMaskBlock <= size) {
#if defined(__SSE2__)
    std::uint64_t high = 0;
    for (int k = 0; k < 4; ++k) {
      high |= sse2::bits(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + 16 * k)), 16 * k);
    }
#else
    std::uint64_t high = portable::range_mask(s + i, 0x80, 0xFF);
#endif
    if (high) return i + static_cast<std::size_t>(__builtin_ctzll(high));
    i += kMaskBlock;
  }
  while (i + 8 <= size) {
    std::uint64_t word;
    __builtin_memcpy(&word, s + i, 8);
    if (word & 0x8080808080808080ULL) break;
    i += 8;
  }
  while (i < size && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

}  // namespace winnow::detail
