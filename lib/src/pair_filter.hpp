// Where one of a few pairs of bytes in a row begins, a vector of places at a
// time: the filter the [chrome-words] search runs over every kept block's
// key. Each phrase is looked for by one pair of its bytes (its rarest), so a
// place is a candidate only where some phrase's own pair is, not wherever
// one phrase's first byte meets another's second. This header holds the
// filter's tables; pair_starts.hpp the step that reads them.
//
// The step looks at kPairStep places (bit k: a pair begins at p[k],
// p[k + 1]; kPairStep + 1 bytes are read). Each build of it may mark more
// places than the pairs begin at, never fewer, and marks exactly those when
// the filter holds at most kBuckets pairs; tests hold every build to that.
// - AVX2 (through simd_level.hpp's dispatch) looks each byte's two nibbles
//   up in 16-byte tables (as Hyperscan's "Teddy" does): a pair is in one of
//   eight buckets, a bit of each table byte, and a place is marked when its
//   byte and the next have every nibble of some bucket's pair. The cost
//   does not grow with the number of pairs; up to eight, each alone in its
//   bucket, the four nibbles are the two bytes exactly.
// - SSE2 (every x86-64, which has no byte shuffle) compares the two bytes
//   with each pair's: exact, a compare per byte per pair.
// - The portable loop looks up the same tables as AVX2, a byte at a time.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace winnow::detail {

constexpr std::size_t kPairStep = 32;  // the places a PairStarts::at() looks at

struct BytePair {
  unsigned char first = 0, second = 0;
  bool operator==(const BytePair&) const = default;
};

struct PairFilter {
  static constexpr std::size_t kBuckets = 8;  // the bits of a table byte

  std::vector<BytePair> pairs;  // distinct, in the order added
  // Bit b of first_low[n]: a pair of bucket b (the pairs at b, b + 8, ...)
  // has a first byte whose low nibble is n; the same for the high nibble
  // and for the second byte.
  std::array<std::uint8_t, 16> first_low{}, first_high{}, second_low{}, second_high{};
  // Each pair's bytes sixteen times over: what the SSE2 build compares
  // with, made once rather than on every search.
  struct alignas(16) Repeated {
    unsigned char first[16], second[16];
  };
  std::vector<Repeated> repeated;

  void add(BytePair pair) {
    if (std::find(pairs.begin(), pairs.end(), pair) != pairs.end()) return;
    const auto bucket = static_cast<std::uint8_t>(1u << (pairs.size() % kBuckets));
    pairs.push_back(pair);
    first_low[pair.first & 15] |= bucket;
    first_high[pair.first >> 4] |= bucket;
    second_low[pair.second & 15] |= bucket;
    second_high[pair.second >> 4] |= bucket;
    Repeated bytes;
    std::fill(std::begin(bytes.first), std::end(bytes.first), pair.first);
    std::fill(std::begin(bytes.second), std::end(bytes.second), pair.second);
    repeated.push_back(bytes);
  }

  void clear() { *this = PairFilter{}; }
};

}  // namespace winnow::detail
